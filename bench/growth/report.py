#!/usr/bin/env python3
"""Prints the growth benchmark's table from the files run.sh left in its work directory and draws growth.svg there.

usage: report.py <work dir> <driver heap, e.g. 2g> SIZE...
Per size (name size-<SIZE with / as 'of'>), run.sh left: .time (GNU time '%e %M %U %S'), .cpu (/proc/stat before and
after), .rss.json (rss_tree.py), .rc, .gc (the JVM's -Xlog:gc log) and -out/run_manifest.json.

The driver's heap is read from the GC log: the heap in use after each collection. Its largest value is an upper bound
on what the driver keeps alive (after a young collection it still holds old-generation garbage); after a full
collection it is the live set itself, which is why both are shown.
Exit status: 0 when both targets are met, 1 otherwise (or when a run failed).
"""
import json
import os
import re
import sys
from fractions import Fraction

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from measure import gnu_time, machine_busy_seconds, read  # noqa: E402  (bench/measure.py)

STAGES = ("ingest", "terms", "distinctive", "topics", "events", "report")
GC_PAUSE = re.compile(r"Pause (Young|Full)\b.*?\s(\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)")
MB = {"K": 1 / 1024, "M": 1, "G": 1024}


def gc_heap(path):
    """(largest heap after any collection, largest after a full collection or None, number of full collections), MB."""
    after_any, after_full, fulls = 0.0, None, 0
    for line in (read(path, "") or "").splitlines():
        m = GC_PAUSE.search(line)
        if not m:
            continue
        after = int(m.group(4)) * MB[m.group(5)]
        after_any = max(after_any, after)
        if m.group(1) == "Full":
            fulls += 1
            after_full = max(after_full or 0.0, after)
    return after_any, after_full, fulls


class Size:
    def __init__(self, work, size):
        self.size = size
        self.value = Fraction(size)
        name = "size-" + size.replace("/", "of")
        base = os.path.join(work, name)
        self.rc = int((read(base + ".rc", "-1") or "-1").strip() or -1)
        self.wall, rss_kb, cpu = gnu_time(base + ".time")
        tree = json.loads(read(base + ".rss.json", "{}") or "{}")
        self.rss_mb = max(tree.get("peak_tree_rss_kb", 0), rss_kb or 0) // 1024
        busy = machine_busy_seconds(base + ".cpu")
        self.other_cpu = (busy - cpu) / self.wall if busy is not None and cpu and self.wall else None
        self.heap_after, self.heap_after_full, self.full_gcs = gc_heap(base + ".gc")
        manifest = json.loads(read(os.path.join(base + "-out", "run_manifest.json"), "{}") or "{}")
        counts = manifest.get("counts", {})
        self.documents = counts.get("documents")
        self.tokens = counts.get("tokens")
        self.near_duplicates = counts.get("near_duplicate_documents")
        self.stages = {s["name"]: s for s in manifest.get("stages", [])}
        self.ok = self.rc == 0 and self.tokens is not None and self.wall
        # A failed run commits nothing; its log still says which stages finished, in how long, and why it stopped.
        log = read(base + ".log", "") or ""
        self.done = re.findall(r"Pipeline: stage (\w+): done in ([\d.]+) s", log)
        self.error = next((l for l in log.splitlines() if l.startswith("framelens: error:")), None)

    def tokens_per_s(self):
        return self.tokens / self.wall if self.ok else None

    def stage_s_per_mtok(self, stage):
        s = self.stages.get(stage)
        if not self.ok or not s or s.get("status") != "ran":
            return None
        return s.get("seconds", 0.0) / (self.tokens / 1e6)


def fmt(x, spec):
    return format(x, spec) if x is not None else "-"


def plot(sizes, heap_mb, path):
    import matplotlib
    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "framelens-growth"  # the same figures give the same file
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: a small file that diffs
    import matplotlib.pyplot as plt
    ok = [s for s in sizes if s.ok]
    x = [float(s.value) for s in ok]
    labels = [s.size for s in ok]
    fig, (a, b, c) = plt.subplots(1, 3, figsize=(15, 4.2))
    a.plot(x, [s.tokens_per_s() / 1e3 for s in ok], "o-", label="framelens run (no entities)")
    quarter = next((s for s in ok if s.value == Fraction(1, 4)), None)
    if quarter:
        a.axhline(0.8 * quarter.tokens_per_s() / 1e3, color="grey", ls="--", label="0.8 x tokens/s at 1/4 (target)")
    a.set_title("Throughput, whole run")
    a.set_ylabel("thousand tokens / s")
    a.set_ylim(bottom=0)
    for stage in STAGES:
        ys = [s.stage_s_per_mtok(stage) for s in ok]
        if any(y is not None for y in ys):
            b.plot(x, [y if y is not None else float("nan") for y in ys], "o-", label=stage)
    b.set_title("Each stage: seconds per million tokens (flat = linear)")
    b.set_ylabel("s / M tokens")
    b.set_ylim(bottom=0)
    c.plot(x, [s.heap_after for s in ok], "o-", label="largest heap after any GC")
    full = [(float(s.value), s.heap_after_full) for s in ok if s.heap_after_full is not None]
    if full:
        c.plot(*zip(*full), "s--", label="largest heap after a full GC")
    c.axhline(heap_mb, color="grey", ls=":", label=f"-Xmx ({heap_mb:.0f} MB)")
    c.set_title("Driver heap")
    c.set_ylabel("MB")
    c.set_ylim(bottom=0)
    for ax in (a, b, c):
        ax.set_xscale("log", base=2)
        ax.set_xticks(x, labels)
        ax.set_xlabel("corpus size (x AllSides, 37,554 articles)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None})
    fig.savefig(path[:-len(".svg")] + ".png", dpi=80)


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    work, heap = argv[1], argv[2]
    m = re.fullmatch(r"(\d+)([mMgG])", heap)
    heap_mb = int(m.group(1)) * (1024 if m.group(2) in "gG" else 1) if m else float("nan")
    sizes = sorted((Size(work, s) for s in argv[3:]), key=lambda s: s.value)

    header = (f"{'size':>5} {'documents':>9} {'tokens':>11} {'near_dup':>8} {'wall_s':>7} {'tok/s':>7} "
              + " ".join(f"{st[:6]:>6}" for st in STAGES)
              + f" {'rss_MB':>6} {'heap_MB':>7} {'full_MB':>7} {'fullGC':>6} {'other':>5}")
    print("\nper stage: seconds per million tokens; heap_MB: largest driver heap after any GC; full_MB: after a full GC;"
          "\nother: CPU other processes took while the run ran, as a share of its wall time (trust a row only near 0)\n")
    print(header)
    for s in sizes:
        if not s.ok:
            print(f"{s.size:>5} failed (exit {s.rc}) after {fmt(s.wall, '.0f')} s; stages done: "
                  + (", ".join(f"{n} {float(t):.0f} s" for n, t in s.done) or "none")
                  + f"; {(s.error or 'no error line')[:200]} (log: {work}/size-{s.size.replace('/', 'of')}.log)")
            continue
        print(f"{s.size:>5} {s.documents:>9} {s.tokens:>11} {fmt(s.near_duplicates, '>8')} {s.wall:>7.1f} "
              f"{s.tokens_per_s():>7.0f} "
              + " ".join(f"{fmt(s.stage_s_per_mtok(st), '>6.2f')}" for st in STAGES)
              + f" {s.rss_mb:>6} {s.heap_after:>7.0f} {fmt(s.heap_after_full, '>7.0f')} {s.full_gcs:>6}"
              f" {fmt(s.other_cpu * 100 if s.other_cpu is not None else None, '>4.0f')}%")
    skipped = {n: st.get("reason") for s in sizes for n, st in s.stages.items() if st.get("status") == "skipped"}
    for n, reason in sorted(skipped.items()):
        print(f"skipped: {n} ({reason})")

    try:
        plot(sizes, heap_mb, os.path.join(work, "growth.svg"))
        print(f"\nplot: {work}/growth.svg")
    except Exception as e:  # the table is the result; a plot that fails must not hide it
        print(f"\nplot failed: {e}")

    failed = [s.size for s in sizes if not s.ok]
    quarter = next((s for s in sizes if s.value == Fraction(1, 4) and s.ok), None)
    largest = sizes[-1]
    if failed:
        print(f"NOT MET: runs failed at {', '.join(failed)}")
        return 1
    if not quarter or largest.value <= Fraction(1, 4):
        print("no verdict: the targets compare 1/4 with a larger size; run both")
        return 1
    ratio = largest.tokens_per_s() / quarter.tokens_per_s()
    heap_ratio = largest.heap_after / quarter.heap_after if quarter.heap_after else float("inf")
    throughput_met, heap_met = ratio >= 0.8, heap_ratio <= 1.25
    print(f"tokens/s at {largest.size} = {ratio:.2f} x that at 1/4 (target >= 0.80): "
          f"{'met' if throughput_met else 'NOT MET'}")
    print(f"driver heap after GC at {largest.size} = {heap_ratio:.2f} x that at 1/4 (target <= 1.25, i.e. no growth "
          f"with documents): {'met' if heap_met else 'NOT MET'}")
    print("MET" if throughput_met and heap_met else "NOT MET")
    return 0 if throughput_met and heap_met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
