"""The events benchmark's table: F1 on basil-dev (alone and among 2,000 distractors) and wall time and peak memory of
both jobs, from the files bench/events/run.sh left in its work dir (see bench/lib.sh for the measure files).

usage: report.py WORK_DIR PEER_COSINE
Exit status 0 when framelens has the higher F1 among the distractors and, on the full corpus, no more wall time.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "foundation"))
from report import Job  # noqa: E402  (the foundation benchmark's reader of the measure files)


def main():
    work, cosine = sys.argv[1], sys.argv[2]
    scores = {}
    for line in open(os.path.join(work, "scores.jsonl")):
        r = json.loads(line)
        scores[r["label"]] = r
    print()
    print("Same-event pairs of basil-dev (pairwise over its 144 articles)")
    print(f"{'job':<52} {'precision':>9} {'recall':>7} {'F1':>6} {'distractors joined':>19}")
    for label, r in scores.items():
        if label.startswith("framelens") or label.startswith("peer"):
            print(f"{label:<52} {r['precision']:>9.3f} {r['recall']:>7.3f} {r['f1']:>6.3f} {r['distractors_joined']:>19}")
    peer_basil = [r for k, r in scores.items() if not k.startswith(("framelens", "peer"))]
    if peer_basil:
        print("peer on basil-dev alone, by cosine: " + ", ".join(f"{r['label']}: F1 {r['f1']:.3f}" for r in peer_basil))

    print()
    print(f"{'job':<18} {'wall s':>8} {'peak MB':>8} {'exit':>5}")
    jobs = {}
    for name in ("framelens-basil", "peer-basil", "framelens-mixed", "peer-mixed", "framelens-full", "peer-full"):
        if os.path.exists(os.path.join(work, name + ".time")):
            j = Job(work, name, name)
            jobs[name] = j
            peak = f"{j.peak_mb:.0f}" if j.peak_mb else "?"
            print(f"{name:<18} {j.wall or 0:>8.1f} {peak:>8} {j.rc:>5}")
            if j.other_cpu is not None and j.wall and j.other_cpu > 0.05 * j.wall * os.cpu_count():
                print(f"  warning: other processes used {j.other_cpu:.0f} CPU-s while {name} ran: its timing is skewed")
    f_ours = scores.get("framelens basil-dev + sample-2000", {}).get("f1", 0)
    f_peer = scores.get(f"peer basil-dev + sample-2000 (cosine {cosine})", {}).get("f1", 0)
    met = f_ours > f_peer
    line = f"F1 among distractors: framelens {f_ours:.3f}, peer {f_peer:.3f} ({'higher' if met else 'NOT higher'})"
    if "framelens-full" in jobs and "peer-full" in jobs and jobs["peer-full"].wall:
        ours, peer = jobs["framelens-full"], jobs["peer-full"]
        ratio = ours.wall / peer.wall
        ok = ratio <= 1.0 and ours.rc == 0
        # timeout(1) exits 124: the peer was stopped at twice framelens's wall time, so the ratio is an upper bound.
        bound = "at most " if peer.rc == 124 else ""
        line += (f"; full-corpus wall time ratio framelens / peer {bound}{ratio:.2f} ({'met' if ok else 'NOT met'})"
                 + (" (the peer was stopped unfinished)" if peer.rc == 124 else ""))
        met = met and ok
    print()
    print(line)
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
