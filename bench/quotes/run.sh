#!/usr/bin/env bash
# Quotes and speakers against BASIL's development half (issue 21): framelens ingest, entities and quotes on the 144
# articles, fed with only id, outlet, date, title, text and url (the gold stays out of documents.extra), then
# score.py: quote recall and speaker accuracy on the quoted spans with a named speaker, and the main actors found.
#
# usage: bench/quotes/run.sh [--misses N]   (N misses of each kind printed, default 0)
# Environment: PYTHON (a python3 with pyarrow: pip install -r notebooks/requirements.txt). Logs and outputs go to a
# fresh temp dir. Exit status: 0 when the jobs ran (the figures are the result), 1 when one failed, 2 on a setup error.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
basil="$root/../shared/corpora/basil-dev/basil-dev.jsonl"
PYTHON=${PYTHON:-python3}
[ -f "$basil" ] || { echo "run.sh: $basil is missing (../shared beside the checkout)" >&2; exit 2; }
$PYTHON -c 'import pyarrow' 2>/dev/null || { echo "run.sh: $PYTHON needs pyarrow (pip install -r notebooks/requirements.txt; or PYTHON=...)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/framelens-quotes-bench.XXXXXX")
echo "work dir (logs and outputs): $work"
$PYTHON - "$basil" "$work/in.jsonl" <<'PY'
import json, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as o:
    for line in f:
        r = json.loads(line)
        o.write(json.dumps({k: r.get(k) for k in ("id", "outlet", "date", "title", "text", "url")}) + "\n")
PY
cd "$root"
for step in "ingest --input $work/in.jsonl" entities quotes; do
  name=${step%% *}
  echo "running $name ..."
  jobs/framelens $step --output "$work/out" >"$work/$name.log" 2>&1 || { echo "run.sh: $name failed, see $work/$name.log" >&2; exit 1; }
done
$PYTHON "$here/score.py" "$basil" "$work/out" "$@"
