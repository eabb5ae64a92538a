#!/usr/bin/env bash
# Foundation benchmark: framelens against the hand-written Spark ML job (HandWrittenJob.java) on the same corpus,
# one after the other on the same machine, and a comparison table at the end. See bench/README.md.
#
# usage: bench/foundation/run.sh [--corpus full|sample] [--no-build]
#   full   (default) the 8 AllSides shards, ../shared/corpora/allsides/articles-part-*.jsonl.gz (37,554 articles)
#   sample ../shared/corpora/allsides/sample-2000.jsonl, a quick check that everything runs
# Environment: PEER_HEAP (default 8g), FRAMELENS_HEAP (default 2g, the target's driver heap),
#   FRAMELENS (default jobs/framelens: the launcher to benchmark).
# Logs and outputs go to a fresh temp dir, printed at the start; nothing is written into the repository.
# Exit status: 0 when the target is met, 1 when not (or a job failed), 2 on a usage or setup error.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
shared="$root/../shared"
corpus=full
build=1
PEER_HEAP=${PEER_HEAP:-8g}
FRAMELENS_HEAP=${FRAMELENS_HEAP:-2g}
FRAMELENS=${FRAMELENS:-$root/jobs/framelens}

while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) corpus=${2:-}; shift 2 ;;
    --corpus=*) corpus=${1#*=}; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

if [ ! -d "$shared" ]; then
  echo "run.sh: $shared is missing. The benchmark reads its corpus from ../shared beside the checkout" >&2
  echo "        (shared/corpora/allsides); put it there and run again." >&2
  exit 2
fi
allsides="$shared/corpora/allsides"
case "$corpus" in
  full)
    shards=("$allsides"/articles-part-*.jsonl.gz)
    if [ ! -f "${shards[0]}" ]; then echo "run.sh: no articles-part-*.jsonl.gz in $allsides" >&2; exit 2; fi
    # A glob, not the folder: the folder also holds sample-2000.jsonl, which must not be counted twice.
    # Quoted so that both jobs receive the pattern itself and let Hadoop expand it.
    input="$allsides/articles-part-*.jsonl.gz" ;;
  sample)
    input="$allsides/sample-2000.jsonl"
    if [ ! -f "$input" ]; then echo "run.sh: $input is missing" >&2; exit 2; fi ;;
  *) echo "run.sh: --corpus must be full or sample, not '$corpus'" >&2; exit 2 ;;
esac
for tool in java python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is required" >&2; exit 2; }
done
if [ ! -x "$FRAMELENS" ]; then
  echo "run.sh: $FRAMELENS (the launcher) is missing or not executable" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/framelens-bench.XXXXXX")
echo "work dir (logs and outputs): $work"
echo "corpus: $corpus ($input)"

cd "$root"
# measure and build_framelens (bench/lib.sh): the build touches the launcher's stamp, so that it does not rebuild
# inside a timed run (Maven's own up-to-date checks make the build cheap when nothing changed; it runs before any
# timing starts).
source "$root/bench/lib.sh"
if [ "$build" = 1 ]; then
  build_framelens "$root"
fi
classpath_file="$root/target/runtime-classpath.txt"
if [ ! -s "$classpath_file" ]; then
  classpath_file="$work/classpath.txt"
  mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$classpath_file" \
    >>"$work/build.log" 2>&1 || { echo "run.sh: cannot resolve the runtime classpath, see $work/build.log" >&2; exit 2; }
fi

export SPARK_LOCAL_IP=127.0.0.1

# measure: GNU time, the whole tree's RSS, and the machine-wide CPU counters, which let report.py tell how much CPU
# other processes took meanwhile (on 2 cores a concurrent build skews the timings badly). A failing job is recorded,
# not fatal: the other job still runs and the table says so.

# Only the stages the peer's work compares to: ingest, terms and distinctive (and the report, which every command
# writes). Topics and entities have benchmarks of their own against their own peers; quotes follow entities; events
# needs only documents and doc_terms, so it must be named, or it runs (minutes on this corpus) inside the timing.
echo "timed stages: ingest, terms, distinctive and the report (topics, entities, quotes and events skipped: topics and entities have their own benchmarks)"
measure framelens "$FRAMELENS" run --input "$input" --output "$work/framelens-out" --skip topics,entities,events \
  --master 'local[*]' --driver-memory "$FRAMELENS_HEAP"

# The cleaning's own cost: the same run with every cleaning step switched off (markers, templates, credits and
# bylines kept at ingest, self-references kept at terms).
measure uncleaned "$FRAMELENS" run --input "$input" --output "$work/uncleaned-out" --skip topics,entities,events \
  --master 'local[*]' --driver-memory "$FRAMELENS_HEAP" --keep-markers signature,email,url,handle,embed,card,label,direction,zone --keep-templates \
  --keep-bylines --keep-self-references

measure peer java "${spark_opens[@]}" "-Xmx$PEER_HEAP" -cp "$(cat "$classpath_file")" \
  "$here/HandWrittenJob.java" "$input" "$work/peer-out"

python3 "$here/report.py" "$work" "$PEER_HEAP" "$FRAMELENS_HEAP"
