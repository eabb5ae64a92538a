#!/usr/bin/env python3
"""Peak resident memory of a whole process tree, sampled from /proc.

GNU time's %M is the max RSS of the single largest process, which is the right figure only when the job is one
JVM. This sampler sums RSS over every descendant of the root, so a launcher that forks (a second JVM, a helper) is
still charged in full; run.sh reports both. It also records the -Xmx of every java process it sees, which is how
the benchmark checks the heap the launcher really gave the job's JVM.

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
    """[(pid, parent pid)] for root and all its descendants."""
    kids, out, todo = children_map(), [], [(root, None)]
    while todo:
        pid, parent = todo.pop()
        out.append((pid, parent))
        todo.extend((k, pid) for k in kids.get(pid, ()))
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


def main_class(args):
    """The main class (or source file) of a java command line: its first argument that is not an option."""
    it = iter(args[1:])
    for a in it:
        if a in ("-cp", "-classpath", "--class-path", "-p", "--module-path"):
            next(it, None)
        elif not a.startswith("-"):
            return os.path.basename(a) if a.endswith(".java") else a
    return "?"


def main():
    root, out_path = int(sys.argv[1]), sys.argv[2]
    peak_kb, at_peak, java, direct = 0, [], {}, set()
    while os.path.exists(f"/proc/{root}") and not _is_zombie(root):
        sample, cmds = [], {}
        for pid, parent in tree(root):
            args = cmdline(pid)
            cmds[pid] = args
            # A child still running its parent's command line is a fork or posix_spawn that has not exec'd yet
            # (the JVM spawning a helper): it shares the parent's pages, and counting them again would double the
            # JVM for that instant. Its own memory starts when it execs, and then it is counted.
            shared = parent is not None and args and args == cmds.get(parent)
            sample.append((pid, 0 if shared else rss_kb(pid), " ".join(args)[:160]))
            # Checked on every sample, not once per pid: a launcher that execs java keeps its pid.
            if args and os.path.basename(args[0]) == "java" and not shared:
                if parent == root:
                    direct.add(pid)
                prev = java.get(pid, {}).get("peak_rss_kb", 0)
                java[pid] = {"xmx": [a for a in args if a.startswith("-Xmx")],
                             "peak_rss_kb": max(prev, sample[-1][1]),
                             "main_class": main_class(args)}
        total = sum(kb for _, kb, _ in sample)
        if total > peak_kb:
            # Which processes made up the peak, for when the sum and GNU time's single-process %M disagree.
            peak_kb, at_peak = total, [{"pid": p, "rss_kb": kb, "cmd": c} for p, kb, c in sample if kb]
        time.sleep(0.2)
    with open(out_path, "w") as f:
        json.dump({"peak_tree_rss_kb": peak_kb,
                   "main_java": _main_java(java, direct),
                   "java_processes": [dict(pid=p, **j) for p, j in java.items()],
                   "at_peak": at_peak}, f, indent=1)


def _main_java(java, direct):
    """The job's JVM: the java the launcher exec'd (the measured command's own process), else the largest one.
    A Maven build the launcher runs first is a java too, but a child of the launcher, not the launcher itself."""
    mains = [java[p] for p in direct if p in java]
    candidates = mains or list(java.values())
    return max(candidates, key=lambda j: j["peak_rss_kb"], default=None)


def _is_zombie(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
        return stat[stat.rindex(b")") + 2:].split()[0] == b"Z"
    except OSError:
        return True


if __name__ == "__main__":
    main()
