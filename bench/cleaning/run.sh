#!/usr/bin/env bash
# Issue 18's entity criterion: the same input ingested and tagged twice, with the defaults and with every cleaning
# step off (markers, templates, credits and bylines kept), then entities.py compares each
# entity's mentions, over all mentions and over the text that cleaning kept.
#
# usage: bench/cleaning/run.sh [INPUT]   (default: ../shared/corpora/allsides/sample-2000.jsonl; about 20 minutes here)
# Environment: PYTHON (a python3 with duckdb: pip install -r notebooks/requirements.txt). Outputs and logs go to a
# fresh temp dir. Exit status: 0 when the jobs ran, 1 when one failed, 2 on a setup error.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
input=${1:-$root/../shared/corpora/allsides/sample-2000.jsonl}
PYTHON=${PYTHON:-python3}
$PYTHON -c 'import duckdb' 2>/dev/null || { echo "run.sh: $PYTHON needs duckdb (pip install -r notebooks/requirements.txt; or PYTHON=...)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/framelens-cleaning-bench.XXXXXX")
echo "work dir (logs and outputs): $work"
cd "$root"
run() {   # NAME, then ingest's options
  local name=$1; shift
  echo "running $name ..."
  jobs/framelens ingest --input "$input" --output "$work/$name" "$@" >"$work/$name-ingest.log" 2>&1 \
    && jobs/framelens entities --output "$work/$name" >"$work/$name-entities.log" 2>&1 \
    || { echo "run.sh: $name failed, see $work/$name-*.log" >&2; exit 1; }
}
run cleaned
run uncleaned --keep-markers signature,email,url,handle,embed,card,label,direction,zone --keep-templates \
  --keep-bylines --keep-self-references
$PYTHON "$here/entities.py" "$work/cleaned" "$work/uncleaned"
