#!/usr/bin/env bash
# Growth benchmark (issue 22): `framelens run` without entities (and so without quotes) on 1/8, 1/4, 1/2 and all of
# AllSides, and on the corpus repeated 2 and 4 times (make_corpus.py: new ids, each copy leaving out its own fifth of
# every document's sentences), one size at a time on the same machine. Prints, per size, wall time, tokens/s (whole
# process and per stage), peak RSS and the driver's heap after garbage collection (from the JVM's GC log), and draws
# the curve (growth.svg in the work dir). See bench/README.md.
#
# usage: bench/growth/run.sh [--sizes 1/8,1/4,1/2,1,2,4] [--iterations N] [--no-build]
#   --iterations N   topic sweeps (framelens's default when not given; the README says which the figures used)
# Environment: FRAMELENS_HEAP (driver heap, default 2g), GROWTH_CORPUS (where the built corpora are kept and reused,
#   default ${TMPDIR:-/tmp}/framelens-growth-corpus), PYTHON (a python3 with matplotlib, for the plot).
# Exit status: 0 when tokens/s at the largest size is at least 0.8 of that at 1/4 and the driver heap does not grow
# (largest size's peak heap after GC at most 1.25x that at 1/4), 1 when not or a run failed, 2 on a setup error.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
shared="$root/../shared"
sizes=1/8,1/4,1/2,1,2,4
iterations=
build=1
FRAMELENS_HEAP=${FRAMELENS_HEAP:-2g}
GROWTH_CORPUS=${GROWTH_CORPUS:-${TMPDIR:-/tmp}/framelens-growth-corpus}
PYTHON=${PYTHON:-python3}
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --iterations) iterations=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
allsides="$shared/corpora/allsides"
shards=("$allsides"/articles-part-*.jsonl.gz)
if [ ! -f "${shards[0]}" ]; then
  echo "run.sh: no articles-part-*.jsonl.gz in $allsides (the benchmark needs ../shared beside the checkout)" >&2
  exit 2
fi
IFS=, read -r -a size_list <<<"$sizes"
for s in "${size_list[@]}"; do
  [[ "$s" =~ ^(1/[0-9]+|[0-9]+)$ && "$s" != 0 ]] || { echo "run.sh: a size is 1/N or a whole number, not '$s'" >&2; exit 2; }
done
[[ -z "$iterations" || "$iterations" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --iterations takes a positive number" >&2; exit 2; }
$PYTHON -c 'import matplotlib' 2>/dev/null || {
  echo "run.sh: $PYTHON needs matplotlib (pip install -r notebooks/requirements.txt; or PYTHON=...)" >&2; exit 2; }

source "$root/bench/lib.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/framelens-growth-bench.XXXXXX")
echo "work dir (logs and outputs): $work"
cd "$root"
if [ "$build" = 1 ]; then build_framelens "$root"; fi
export SPARK_LOCAL_IP=127.0.0.1

# Built before any timing; a size already built (same generator) is reused.
generator_sum=$(sha256sum "$here/make_corpus.py" | cut -c1-12)
input_of() {
  if [ "$1" = 1 ]; then echo "$allsides/articles-part-*.jsonl.gz"; return; fi
  local dir="$GROWTH_CORPUS/$generator_sum/${1//\//of}"
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir"
    python3 "$here/make_corpus.py" "$1" "$dir" "${shards[@]}" >&2
    touch "$dir/.done"
  fi
  echo "$dir/*.jsonl.gz"
}
declare -A inputs
for s in "${size_list[@]}"; do inputs[$s]=$(input_of "$s"); done

echo "timed: framelens run --skip entities (ingest, terms, distinctive, topics, events, report; quotes needs entities)" \
  "${iterations:+with --iterations $iterations}, driver heap $FRAMELENS_HEAP"
for s in "${size_list[@]}"; do
  name="size-${s//\//of}"
  FRAMELENS_JAVA_OPTS="-Xlog:gc:file=$work/$name.gc:uptime" \
    measure "$name" jobs/framelens run --input "${inputs[$s]}" --output "$work/$name-out" --skip entities \
    --master 'local[*]' --driver-memory "$FRAMELENS_HEAP" ${iterations:+--iterations "$iterations"}
  echo "$s" >"$work/$name.size"
done

$PYTHON "$here/report.py" "$work" "$FRAMELENS_HEAP" "${size_list[@]}"
