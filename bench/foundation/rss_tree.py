#!/usr/bin/env python3
"""Peak resident memory of a whole process tree, sampled from /proc.

GNU time's %M is the max RSS of the single largest process, which is the right figure only when the job is one
JVM. This sampler sums RSS over every descendant of the root, so a launcher that forks (a second JVM, a helper) is
still charged in full; run.sh reports both. It also records the -Xmx of every java process it sees, which is how
the benchmark checks the heap the launcher really gave the JVM.

usage: rss_tree.py <root pid> <output json>    (returns when the root exits)
"""
import json
import os
import sys
import time

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def children_map():
    """pid -> list of child pids, for every process visible now."""
    kids = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue  # exited while we looked
        # The command name may contain spaces and parentheses: the ppid is the 2nd field after the last ')'.
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def tree(root):
    kids, out, todo = children_map(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, ()))
    return out


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return []


def main():
    root, out_path = int(sys.argv[1]), sys.argv[2]
    peak_kb, java = 0, {}
    while os.path.exists(f"/proc/{root}") and not _is_zombie(root):
        total = 0
        for pid in tree(root):
            total += rss_kb(pid)
            if pid not in java:
                args = cmdline(pid)
                if args and os.path.basename(args[0]) == "java":
                    java[pid] = [a for a in args if a.startswith("-Xmx")]
        peak_kb = max(peak_kb, total)
        time.sleep(0.2)
    with open(out_path, "w") as f:
        json.dump({"peak_tree_rss_kb": peak_kb,
                   "java_processes": len(java),
                   "java_xmx": sorted({x for flags in java.values() for x in flags})}, f)


def _is_zombie(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
        return stat[stat.rindex(b")") + 2:].split()[0] == b"Z"
    except OSError:
        return True


if __name__ == "__main__":
    main()
