#!/usr/bin/env bash
# The HTML report's size and load time (issue 20: under 5 MB and under 2 s on the full AllSides run).
#
#   bench/report/run.sh [OUTPUT_DIR]
#
# With OUTPUT_DIR (a finished framelens run, e.g. of the full AllSides corpus), it rewrites the report from the
# folder's tables (`framelens report`, timed alone: the only stage it runs) and measures the page. Without it, it runs
# the whole pipeline on the 8 AllSides parts into a work folder first (hours with entities on 2 cores). Load time:
# Debian's headless Chromium opens the page from disk. Charts are drawn as they come into view, so the page records
# two figures in milliseconds since navigation started, read from the DOM dumped after 20 s: when the charts of the
# first screen are drawn (data-first-screen-ms, a 1280x900 window: what a reader waits for) and when every chart is
# drawn (data-rendered-ms, in a window tall enough to hold the whole page, so that every chart is in view at load).
# Chromium's own start-up is in neither figure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
echo "logs and outputs in $work"
source "$root/bench/lib.sh"

out="${1:-}"
if [[ -z "$out" ]]; then
  out="$work/allsides"
  measure pipeline "$root/jobs/framelens" run --input "$root/../shared/corpora/allsides/articles-part-*.jsonl.gz" --output "$out"
  [[ "$(cat "$work/pipeline.rc")" == 0 ]] || { echo "the pipeline failed: $work/pipeline.log" >&2; exit 1; }
fi
measure report "$root/jobs/framelens" report --output "$out"
[[ "$(cat "$work/report.rc")" == 0 ]] || { echo "framelens report failed: $work/report.log" >&2; exit 1; }

page="$out/report/index.html"
bytes=$(stat -c %s "$page")
tall=8000 # px: holds every chart of the full AllSides report at load (Chromium dumps an undrawn page at 12000 and more)
load() { # window size, attribute
  local dom m
  dom="$(timeout 90 chromium --headless --no-sandbox --disable-gpu --window-size="$1" --timeout=20000 --dump-dom "file://$page" 2>/dev/null)"
  m="$(grep -o "$2=\"[0-9]*\"" <<<"$dom" | grep -o '[0-9]*' || true)"
  echo "${m:-none}"
}
first=(); all=()
for i in 1 2 3; do
  first+=("$(load 1280,900 data-first-screen-ms)")
  all+=("$(load "1280,$tall" data-rendered-ms)")
done
echo
echo "framelens report (this stage alone): $(cut -d' ' -f1 "$work/report.time") s wall, $(( $(cut -d' ' -f2 "$work/report.time") / 1024 )) MB peak RSS"
printf 'report/index.html: %.2f MB (target < 5 MB)\n' "$(echo "$bytes / 1048576" | bc -l)"
echo "first screen drawn after ${first[*]} ms in three loads (target < 2000 ms; \"none\" = not drawn within 20 s)"
echo "every chart drawn (a ${tall} px tall window) after ${all[*]} ms in three loads"
