#!/usr/bin/env python3
"""Prints the foundation benchmark's comparison table from the files run.sh left in its work directory.

usage: report.py <work dir> <peer heap, e.g. 8g> <framelens heap, e.g. 2g>
Exit status: 0 when the target is met, 1 otherwise (including when a job failed).

Expected in <work dir> (written by run.sh):
  framelens.time / peer.time          GNU time output, last line "<wall s> <max RSS KB> <user s> <system s>"
  framelens.cpu / peer.cpu            the 'cpu' line of /proc/stat before and after the job
  framelens.rss.json / peer.rss.json  rss_tree.py output (summed process-tree peak, -Xmx seen on java processes)
  framelens.rc / peer.rc              exit status of each job
  framelens-out/run_manifest.json     framelens's own per-stage figures
  peer.log                            the hand-written job's stdout+stderr, with its STEP and COUNTS lines
"""
import datetime
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from measure import gnu_time, machine_busy_seconds, read  # noqa: E402  (bench/measure.py)


def heap_bytes(spec):
    """'2g' / '-Xmx2048m' -> bytes, so '2g' and '2048m' compare equal."""
    m = re.fullmatch(r"(?:-Xmx)?(\d+)([kKmMgGtT]?)", spec.strip())
    if not m:
        return None
    return int(m.group(1)) * 1024 ** " kmgt".index(m.group(2).lower() or " ")


class Job:
    def __init__(self, work, prefix, label):
        self.label = label
        self.rc = int((read(os.path.join(work, prefix + ".rc"), "") or "-1").strip() or -1)
        self.wall, self.max_rss_kb, self.cpu = gnu_time(os.path.join(work, prefix + ".time"))
        busy = machine_busy_seconds(os.path.join(work, prefix + ".cpu"))
        # CPU the rest of the machine used while this job ran (the job's own CPU is in GNU time's %U + %S).
        self.other_cpu = busy - self.cpu if busy is not None and self.cpu is not None else None
        tree = json.loads(read(os.path.join(work, prefix + ".rss.json"), "{}") or "{}")
        self.tree_kb = tree.get("peak_tree_rss_kb", 0)
        main_java = tree.get("main_java") or {}
        self.xmx = main_java.get("xmx", [])
        self.java_processes = tree.get("java_processes") if isinstance(tree.get("java_processes"), list) else []
        self.documents = self.tokens = None
        self.steps = []  # (name, seconds, documents or None, tokens or None)

    @property
    def peak_mb(self):
        # %M misses the rest of the tree if the job forks; the sampler can miss a short spike: take the larger.
        kb = max(self.max_rss_kb or 0, self.tree_kb or 0)
        return kb / 1024 if kb else None

    def rate(self, n):
        return n / self.wall if n is not None and self.wall else None


def load_framelens(work, prefix="framelens", label="framelens"):
    job = Job(work, prefix, label)
    text = read(os.path.join(work, prefix + "-out", "run_manifest.json"))
    job.manifest_found = text is not None
    job.status, job.summary, job.stage_extras, job.input_records, job.run_seconds = None, None, [], None, None
    # The launcher builds when sources are newer than the build: that would be charged to framelens's time.
    job.rebuilt = "framelens: building" in (read(os.path.join(work, prefix + ".log"), "") or "")
    if text is None:
        return job
    manifest = json.loads(text)
    counts = manifest.get("counts", {}) or {}
    stages = manifest.get("stages", []) or []
    # The stage list is the contract; the key names are read defensively so a rename shows up as a blank, not a crash.
    job.stage_extras = []
    for s in stages:
        job.steps.append((s.get("name", "?"), _num(s, "seconds", "wall_seconds", "elapsed_seconds"),
                          _num(s, "documents", "docs"), _num(s, "tokens")))
        # Long values (the self-reference forms of every outlet) are cut: the table is for reading.
        job.stage_extras.append({k: (v if len(str(v)) <= 300 else str(v)[:300] + " ...") for k, v in s.items()
                                 if k not in ("name", "seconds", "wall_seconds", "elapsed_seconds", "documents",
                                              "docs", "tokens")})
    job.documents = _num(counts, "documents", "docs")
    job.tokens = _num(counts, "tokens")
    if job.documents is None and job.steps:
        job.documents = job.steps[0][2]
    if job.tokens is None and job.steps:
        job.tokens = job.steps[0][3]
    job.input_records = _num(counts, "input_records", "records")
    job.run_seconds = _elapsed(manifest.get("started_at"), manifest.get("finished_at"))
    job.status = manifest.get("status")
    inp, spark = manifest.get("input", {}) or {}, manifest.get("spark", {}) or {}
    job.summary = (f"status {job.status}, input {inp.get('n_files', '?')} file(s) {_mb(inp.get('bytes'))}, "
                   f"master {spark.get('master', '?')}, parallelism {spark.get('default_parallelism', '?')}")
    return job


def _elapsed(start, end):
    """Seconds between two ISO-8601 instants ('...Z', nanosecond digits allowed), or None."""
    def parse(ts):
        m = re.fullmatch(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?", ts or "")
        if not m:
            return None
        base = datetime.datetime.fromisoformat(m.group(1) + (m.group(3) or "Z").replace("Z", "+00:00"))
        return base.timestamp() + float("0." + (m.group(2) or "0"))
    a, b = parse(start), parse(end)
    return b - a if a is not None and b is not None else None


def _mb(n):
    return f"({n / 2**20:.0f} MB)" if isinstance(n, (int, float)) else ""


def _num(d, *keys):
    for k in keys:
        if isinstance(d.get(k), (int, float)):
            return d[k]
    return None


def load_peer(work):
    job = Job(work, "peer", "hand-written")
    for line in (read(os.path.join(work, "peer.log"), "") or "").splitlines():
        if line.startswith("STEP "):
            _, name, secs = line.split()
            job.steps.append((name, float(secs), None, None))
        elif line.startswith("COUNTS "):
            fields = dict(kv.split("=", 1) for kv in line.split()[1:])
            job.documents = int(fields["documents"])
            job.tokens = int(fields["tokens"])
            job.vocabulary = int(fields.get("vocabulary", 0))
    return job


def fmt(x, spec):
    """format(x, spec), or a '-' just as wide when the figure is missing."""
    if x is not None:
        return format(x, spec)
    return "-".rjust(int(re.match(r"\d*", spec).group() or 0))


def main():
    work, peer_heap, fl_heap = sys.argv[1], sys.argv[2], sys.argv[3]
    fl, peer = load_framelens(work), load_peer(work)

    print()
    print("framelens stages (from run_manifest.json):")
    if not fl.steps:
        print("  (none: " + ("no run_manifest.json" if not fl.manifest_found else "manifest has no 'stages'") + ")")
    if fl.summary:
        print(f"  ({fl.summary})")
    if fl.run_seconds is not None and fl.wall:
        print(f"  run (manifest started_at..finished_at) {fl.run_seconds:.1f} s of {fl.wall:.1f} s process wall: "
              f"{fl.wall - fl.run_seconds:.1f} s in the launcher, JVM start-up and Spark session")
    for (name, secs, docs, toks), extras in zip(fl.steps, fl.stage_extras):
        more = " ".join(f"{k}={v}" for k, v in extras.items())
        print(f"  {name:<24} {fmt(secs, '8.1f')} s  {fmt(_div(docs, secs), '10,.0f')} docs/s"
              f"  {fmt(_div(toks, secs), '12,.0f')} tokens/s  {more}".rstrip())
    print(f"hand-written steps (-Xmx{peer_heap}, default Spark settings):")
    for name, secs, _, _ in peer.steps:
        print(f"  {name:<24} {secs:8.1f} s")

    print()
    print(f"{'job':<20}{'wall_s':>8}{'peak_rss_MB':>14}{'docs/s':>10}{'tokens/s':>12}   documents      tokens  heap")
    for job in (fl, peer):
        status = "" if job.rc == 0 else f"   FAILED (exit {job.rc})"
        print(f"{job.label:<20}{fmt(job.wall, '8.1f')}{fmt(job.peak_mb, '14.0f')}"
              f"{fmt(job.rate(job.documents), '10,.0f')}{fmt(job.rate(job.tokens), '12,.0f')}"
              f"   {fmt(job.documents, '9,d')} {fmt(job.tokens, '11,d')}  {','.join(job.xmx) or 'no -Xmx seen'}{status}")
    wall_ratio = _div(fl.wall, peer.wall)
    mem_ratio = _div(fl.peak_mb, peer.peak_mb)
    print(f"{'ratio (fl / hand)':<20}{fmt(wall_ratio, '8.2f')}{fmt(mem_ratio, '14.2f')}")
    print("  (peak_rss = max of GNU time %M and the sampled sum over the process tree; "
          "tokens as each job counts them: framelens's manifest, the peer's RegexTokenizer output)")

    # Each condition of the target, so a NOT MET says which one.
    ok_runs = fl.rc == 0 and peer.rc == 0 and fl.manifest_found and fl.status in (None, "succeeded")
    ok_wall = ok_runs and wall_ratio is not None and wall_ratio <= 0.5
    fl_xmx = {heap_bytes(x) for x in fl.xmx}
    ok_heap = fl.rc == 0 and fl_xmx == {heap_bytes(fl_heap)}
    ok_mem = ok_runs and mem_ratio is not None and mem_ratio <= 1.0
    met = ok_wall and ok_heap and ok_mem
    print(f"target: wall ratio <= 0.5 [{_yn(ok_wall)}], framelens driver heap {fl_heap} "
          f"[{_yn(ok_heap)}: JVM saw {','.join(fl.xmx) or 'no -Xmx'}], "
          f"peak memory <= hand-written's [{_yn(ok_mem)}] -> {'MET' if met else 'NOT MET'}")
    if not ok_runs:
        print("  (a job failed, or framelens's run_manifest.json is missing or not 'succeeded': see the logs in "
              + work + ")")
    if fl.input_records is not None and peer.documents is not None and fl.input_records != peer.documents:
        print(f"  warning: framelens read {fl.input_records:,} records, the peer {peer.documents:,}: "
              "not the same input")
    if fl.rebuilt:
        print("  warning: the framelens launcher rebuilt the project inside the timed run (sources newer than the "
              "build): its wall time includes Maven")
    for job in (fl, peer):
        if job.other_cpu is not None and job.wall and job.other_cpu > 0.05 * job.wall * os.cpu_count():
            print(f"  warning: other processes used {job.other_cpu:.0f} CPU-s while {job.label} ran "
                  f"({100 * job.other_cpu / (job.wall * os.cpu_count()):.0f}% of the machine): its timing is skewed")
    if os.path.exists(os.path.join(work, "uncleaned.time")):
        raw = load_framelens(work, "uncleaned", "framelens, no cleaning")
        stage = lambda job, name: next((secs for n, secs, _, _ in job.steps if n == name), None)
        parts = ", ".join(f"{name} {fmt(_sub(stage(fl, name), stage(raw, name)), '+.1f')} s"
                          for name in ("ingest", "terms", "distinctive"))
        print(f"cleaning's own cost: framelens {fmt(fl.wall, '.1f')} s, the same run with every cleaning step off "
              f"{fmt(raw.wall, '.1f')} s: {fmt(_sub(fl.wall, raw.wall), '+.1f')} s ({parts})")
    if len(fl.java_processes) > 1:
        print(f"  note: framelens's process tree ran {len(fl.java_processes)} JVMs: "
              + ", ".join(f"{j['main_class']} ({j['peak_rss_kb'] // 1024} MB)" for j in fl.java_processes))
    return 0 if met else 1


def _sub(a, b):
    return a - b if a is not None and b is not None else None


def _div(a, b):
    return a / b if a is not None and b else None


def _yn(ok):
    return "ok" if ok else "no"


if __name__ == "__main__":
    sys.exit(main())
