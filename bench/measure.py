"""Readers of the files bench/lib.sh's `measure` leaves beside each job, shared by the benchmarks' report scripts.

  <job>.time   GNU time's -o file ('%e %M %U %S'), last line "<wall s> <max RSS KB> <user s> <system s>"
  <job>.cpu    the 'cpu' line of /proc/stat before and after the job
"""
import os


def read(path, default=None):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return default


def gnu_time(path):
    """(wall s, max RSS KB, CPU s) from GNU time's -o file ('%e %M %U %S'); it prepends 'Command exited ...' lines
    on failure."""
    text = read(path, "")
    for line in reversed(text.strip().splitlines()):
        parts = line.split()
        if len(parts) == 4:
            try:
                return float(parts[0]), int(parts[1]), float(parts[2]) + float(parts[3])
            except ValueError:
                pass
    return None, None, None


def machine_busy_seconds(path):
    """CPU seconds the whole machine spent busy between the two 'cpu' lines of /proc/stat run.sh saved."""
    lines = [l.split() for l in (read(path, "") or "").splitlines() if l.startswith("cpu ")]
    if len(lines) != 2:
        return None
    hz = os.sysconf("SC_CLK_TCK")

    def busy(f):
        ticks = [int(x) for x in f[1:9]]  # user nice system idle iowait irq softirq steal
        return sum(ticks) - ticks[3] - ticks[4]
    return (busy(lines[1]) - busy(lines[0])) / hz
