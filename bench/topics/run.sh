#!/usr/bin/env bash
# Topic benchmark: framelens's optimizers (gibbs, online, em) against MALLET 2.0.8 on the same tokens, k = 20, on
# 20 Newsgroups (labelled: NMI) and the full AllSides articles; one evaluator (evaluate.py) scores every method.
# Also times gibbs on local[1] against local[2] (20 Newsgroups, same partitions: identical topics expected).
#
# usage: bench/topics/run.sh [--corpus 20ng|allsides|both] [--optimizers gibbs,online,em] [--seeds 1,2,3]
#                            [--sweeps-per-merge 1,2,4] [--no-mallet] [--no-build]
# Each seed fits every method again (framelens --seed S, MALLET setRandomSeed(S)); the table gives each run and each
# method's mean over the seeds. --sweeps-per-merge fits gibbs once per value (framelens --sweeps-per-merge N, method
# framelens-gibbs-mN; without it, framelens-gibbs at its default). Each tool runs with the heap its own launcher
# gives it unless told otherwise, as a user would run it: framelens 2g (jobs/framelens), MALLET 1g (MEMORY=1g in
# MALLET's bin/mallet).
# Environment: FRAMELENS_HEAP (default 2g), MALLET_HEAP (default 1g), HEAP (sets both), FRAMELENS (default
#   jobs/framelens), JOB_TIMEOUT (default 3600 s), PYTHON (a python with duckdb; default: a venv made from
#   notebooks/requirements.txt under ~/.cache).
# Logs and outputs go to a fresh temp dir, printed at the start. Exit status 0 when every job ran, 1 otherwise.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
shared="$root/../shared"
corpora=both
optimizers=gibbs,online,em
seeds=1
merges=
mallet=1
build=1
FRAMELENS_HEAP=${FRAMELENS_HEAP:-${HEAP:-2g}}
MALLET_HEAP=${MALLET_HEAP:-${HEAP:-1g}}
FRAMELENS=${FRAMELENS:-$root/jobs/framelens}
JOB_TIMEOUT=${JOB_TIMEOUT:-3600}
K=20

while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) corpora=${2:-}; shift 2 ;;
    --optimizers) optimizers=${2:-}; shift 2 ;;
    --seeds) seeds=${2:-}; shift 2 ;;
    --sweeps-per-merge) merges=${2:-}; shift 2 ;;
    --no-mallet) mallet=0; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
[ -d "$shared/corpora" ] || { echo "run.sh: $shared/corpora is missing (the corpora live in ../shared)" >&2; exit 2; }
case "$corpora" in 20ng) list=(20ng) ;; allsides) list=(allsides) ;; both) list=(20ng allsides) ;;
  *) echo "run.sh: --corpus must be 20ng, allsides or both" >&2; exit 2 ;; esac
[[ "$seeds" =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "run.sh: --seeds takes comma-separated integers, not '$seeds'" >&2; exit 2; }
[[ -z "$merges" || "$merges" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] \
  || { echo "run.sh: --sweeps-per-merge takes comma-separated integers from 1, not '$merges'" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/framelens-topics-bench.XXXXXX")
echo "work dir (logs and outputs): $work"
cd "$root"
if [ "$build" = 1 ]; then
  mvn -B -q -o -DskipTests package >"$work/build.log" 2>&1 || mvn -B -q -DskipTests package >>"$work/build.log" 2>&1 \
    || { echo "run.sh: build failed, see $work/build.log" >&2; exit 2; }
fi
if [ -z "${PYTHON:-}" ]; then
  venv="$HOME/.cache/framelens-bench-venv"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r notebooks/requirements.txt
  PYTHON="$venv/bin/python"
fi
if [ "$mallet" = 1 ]; then
  (cd "$here" && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$work/mallet-classpath.txt" >"$work/mallet-build.log" 2>&1) \
    || { echo "run.sh: cannot resolve MALLET 2.0.8, see $work/mallet-build.log" >&2; exit 2; }
fi
export SPARK_LOCAL_IP=127.0.0.1
status=0

# One job measured (bench/lib.sh); its wall time and peak RSS land in the method's result folder for evaluate.py.
# A failing or timed-out job is recorded, not fatal.
source "$root/bench/lib.sh"
run_method() {
  local name=$1 dest=$2; shift 2
  mkdir -p "$dest"
  MEASURE_TIMEOUT="$JOB_TIMEOUT" measure "$name" "$@"
  local rc; rc=$(cat "$work/$name.rc")
  tail -1 "$work/$name.time" | cut -d' ' -f1 >"$dest/wall_s"
  python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['peak_tree_rss_kb'] / 1024))" "$work/$name.rss.json" \
    >"$dest/rss_mb" 2>/dev/null || echo "-" >"$dest/rss_mb"
  echo "exit $rc" >"$dest/status"
  echo "  peak RSS $(cat "$dest/rss_mb") MB"
  [ "$rc" = 0 ] || status=1
  return $rc
}

for corpus in "${list[@]}"; do
  case "$corpus" in
    20ng) input="$shared/corpora/20newsgroups/20newsgroups-19997.jsonl.gz"
      ingest=(--text-column text_clean --outlet-column label --title-column subject); labels=--labels ;;
    allsides) input="$shared/corpora/allsides/articles-part-*.jsonl.gz"; ingest=(); labels= ;;
  esac
  dir="$work/$corpus"
  base="$dir/base"
  mkdir -p "$dir/results"
  echo "== $corpus: ingest and terms (not timed) =="
  "$FRAMELENS" ingest --input "$input" --output "$base" "${ingest[@]}" --driver-memory "$FRAMELENS_HEAP" >"$dir/ingest.log" 2>&1
  "$FRAMELENS" terms --output "$base" --driver-memory "$FRAMELENS_HEAP" >"$dir/terms.log" 2>&1
  for seed in ${seeds//,/ }; do
    variants=()   # (method name, extra options) pairs
    for opt in ${optimizers//,/ }; do
      if [ "$opt" = gibbs ] && [ -n "$merges" ]; then
        for m in ${merges//,/ }; do variants+=("gibbs-m$m" "--optimizer gibbs --sweeps-per-merge $m"); done
      else
        variants+=("$opt" "--optimizer $opt")
      fi
    done
    for ((v = 0; v < ${#variants[@]}; v += 2)); do
      method=${variants[v]}
      # shellcheck disable=SC2086  # the options are words
      if run_method "$corpus-framelens-$method-s$seed" "$dir/results/framelens-$method-s$seed" "$FRAMELENS" topics \
          --output "$base" --k $K ${variants[v+1]} --seed "$seed" --master 'local[2]' --driver-memory "$FRAMELENS_HEAP"; then
        "$PYTHON" "$here/extract.py" results "$base" $K "$dir/results/framelens-$method-s$seed"
        if [ ! -s "$dir/tokens.tsv" ]; then   # the vocabulary is the terms stage's, whatever the seed or optimizer
          "$PYTHON" "$here/extract.py" tokens "$base" $K "$dir/tokens.tsv" $labels
        fi
      fi
    done
    if [ "$corpus" = 20ng ] && [[ ",$optimizers," == *,gibbs,* ]] && [ "$seed" = "${seeds%%,*}" ]; then
      # Same two partitions on one core, first seed only: the sample must be identical, only slower.
      run_method "$corpus-framelens-gibbs-local1-s$seed" "$dir/results/framelens-gibbs-local1-s$seed" "$FRAMELENS" topics \
        --output "$base" --k $K --optimizer gibbs --seed "$seed" --master 'local[1]' --topic-partitions 2 \
        --driver-memory "$FRAMELENS_HEAP" \
        && "$PYTHON" "$here/extract.py" results "$base" $K "$dir/results/framelens-gibbs-local1-s$seed" || true
    fi
    if [ "$mallet" = 1 ] && [ -s "$dir/tokens.tsv" ]; then
      run_method "$corpus-mallet-s$seed" "$dir/results/mallet-2.0.8-s$seed" java "-Xmx$MALLET_HEAP" \
        -cp "$(cat "$work/mallet-classpath.txt")" "$here/MalletRun.java" "$dir/tokens.tsv" \
        "$dir/results/mallet-2.0.8-s$seed" $K 1000 2 "$seed" || true
    fi
  done
  echo "== $corpus, k = $K, seeds $seeds, heaps: framelens $FRAMELENS_HEAP, MALLET $MALLET_HEAP =="
  "$PYTHON" "$here/evaluate.py" "$dir" | tee "$dir/table.txt"
done
exit $status
