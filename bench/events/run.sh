#!/usr/bin/env bash
# Events benchmark (issue 19): framelens's events stage against the story-matching job a Spark user writes by hand
# (HandWrittenEvents.java: HashingTF + IDF + Normalizer, BucketedRandomProjectionLSH.approxSimilarityJoin, connected
# components), in one invocation, on the same machine, one job at a time. See bench/events/README.md.
#
# usage: bench/events/run.sh [--no-full] [--no-build]
#   1. basil-dev alone: both jobs; the peer at several cosines, to find the one that maximises its own F1.
#   2. basil-dev mixed into sample-2000.jsonl (2,000 distractors): F1 of both, the peer at its best basil-dev cosine.
#   3. the full AllSides corpus (37,554 articles): wall time and peak memory of both (skipped with --no-full).
# Each job runs from the committed documents (framelens: and the tables its stage reads); ingest, terms and entities
# run first, untimed. On the full corpus the entities stage is left out (CoreNLP over 36M tokens takes hours on
# 2 cores): the events stage then matches on terms and titles alone.
# Environment: PEER_HEAP (default 8g), FRAMELENS_HEAP (default 4g), PYTHON (a python3 with pyarrow). Logs and outputs go to a fresh temp dir.
# Exit status: 0 when framelens has the higher F1 on (2) in no more wall time on (3), 1 when not, 2 on a setup error.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
shared="$root/../shared"
full=1
build=1
PEER_HEAP=${PEER_HEAP:-8g}
FRAMELENS_HEAP=${FRAMELENS_HEAP:-4g}
FRAMELENS=${FRAMELENS:-$root/jobs/framelens}
PEER_COSINES=${PEER_COSINES:-0.2,0.25,0.3,0.35,0.4,0.5,0.6}
PYTHON=${PYTHON:-python3}   # with pyarrow (notebooks/requirements.txt)

while [ $# -gt 0 ]; do
  case "$1" in
    --no-full) full=0; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
basil="$shared/corpora/basil-dev/basil-dev.jsonl"
sample="$shared/corpora/allsides/sample-2000.jsonl"
for f in "$basil" "$sample"; do
  [ -f "$f" ] || { echo "run.sh: $f is missing (the benchmark reads ../shared beside the checkout)" >&2; exit 2; }
done
for tool in java python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is required" >&2; exit 2; }
done
source "$root/bench/lib.sh"
need_pyarrow

work=$(mktemp -d "${TMPDIR:-/tmp}/framelens-events-bench.XXXXXX")
echo "work dir (logs and outputs): $work"
cd "$root"
if [ "$build" = 1 ]; then build_framelens "$root"; fi
classpath="$(cat "$root/target/runtime-classpath.txt")"
export SPARK_LOCAL_IP=127.0.0.1

peer() {   # peer NAME DOCUMENTS OUT COSINES
  local name=$1; shift
  measure "$name" java "${spark_opens[@]}" "-Xmx$PEER_HEAP" -cp "$classpath" "$here/HandWrittenEvents.java" "$@"
}
score() {   # score LABEL EVENT_DOCUMENTS
  $PYTHON "$here/score.py" "$basil" "$2" --label "$1" | tee -a "$work/scores.jsonl"
}

# The gold stays out of the input: only id, outlet, date, title, text, url (see basil-dev's README).
python3 - "$basil" "$sample" "$work" <<'EOF'
import json, sys
basil, sample, work = sys.argv[1:]
keep = ("id", "outlet", "date", "title", "text", "url")
rows = [json.dumps({k: json.loads(l).get(k) for k in keep}) for l in open(basil)]
open(f"{work}/basil.jsonl", "w").write("\n".join(rows) + "\n")
open(f"{work}/mixed.jsonl", "w").write("\n".join(rows) + "\n" + open(sample).read())
EOF

echo "setup (untimed): ingest, terms and entities of basil-dev and of basil-dev + sample-2000"
for c in basil mixed; do
  "$FRAMELENS" run --input "$work/$c.jsonl" --output "$work/$c-out" --skip topics,events \
    --driver-memory "$FRAMELENS_HEAP" >"$work/setup-$c.log" 2>&1 || { echo "setup of $c failed: $work/setup-$c.log" >&2; exit 2; }
done

measure framelens-basil "$FRAMELENS" events --output "$work/basil-out" --driver-memory "$FRAMELENS_HEAP"
score "framelens basil-dev" "$work/basil-out/event_documents"
peer peer-basil "$work/basil-out/documents" "$work/peer-basil" "$PEER_COSINES"
best=$(for c in ${PEER_COSINES//,/ }; do
  $PYTHON "$here/score.py" "$basil" "$work/peer-basil/c$(printf '%.2f' "$c")" --label "$c" | tee -a "$work/scores.jsonl" >&2
done 2>&1 | python3 -c 'import json,sys; r=[json.loads(l) for l in sys.stdin if l.startswith("{")]; print(max(r, key=lambda x: (x["f1"], x["label"]))["label"])')
echo "peer's best cosine on basil-dev: $best"

measure framelens-mixed "$FRAMELENS" events --output "$work/mixed-out" --driver-memory "$FRAMELENS_HEAP"
score "framelens basil-dev + sample-2000" "$work/mixed-out/event_documents"
peer peer-mixed "$work/mixed-out/documents" "$work/peer-mixed" "$best"
score "peer basil-dev + sample-2000 (cosine $best)" "$work/peer-mixed/c$(printf '%.2f' "$best")"

if [ "$full" = 1 ]; then
  echo "setup (untimed): ingest and terms of the full AllSides corpus"
  "$FRAMELENS" run --input "$shared/corpora/allsides/articles-part-*.jsonl.gz" --output "$work/full-out" \
    --skip topics,entities,events --driver-memory "$FRAMELENS_HEAP" >"$work/setup-full.log" 2>&1 \
    || { echo "setup of the full corpus failed: $work/setup-full.log" >&2; exit 2; }
  measure framelens-full "$FRAMELENS" events --output "$work/full-out" --driver-memory "$FRAMELENS_HEAP"
  # The peer's LSH puts nearly every unit vector of 2^18 dimensions in one of two buckets (its projections are a few
  # thousandths wide, the bucket 1), so on 37,554 documents it compares nearly all pairs: it is stopped at twice
  # framelens's wall time, which bounds the ratio.
  MEASURE_TIMEOUT="$(python3 -c "import sys; print(int(2 * float(sys.argv[1].split()[0])) + 1)" "$(tail -1 "$work/framelens-full.time")")s" \
    peer peer-full "$work/full-out/documents" "$work/peer-full" "$best"
fi

python3 "$here/report.py" "$work" "$best"
