# Sourced by the benchmarks' run.sh. measure NAME COMMAND...: runs one job under GNU time (wall s, max RSS of the
# largest process in KB, user s, system s) while rss_tree.py samples the RSS of the job's whole process tree (a
# launcher script, its JVM, Spark's children), with the machine's /proc/stat CPU counters before and after. Writes
# $work/NAME.{log,time,rss.json,cpu,rc}; always returns 0 (the job's exit code is in NAME.rc). MEASURE_TIMEOUT, when
# set, stops the job after that long (timeout(1) syntax).
bench_lib="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

measure() {
  local name=$1; shift
  echo "running $name ... (log: $work/$name.log)"
  head -1 /proc/stat >"$work/$name.cpu"
  /usr/bin/time -f '%e %M %U %S' -o "$work/$name.time" ${MEASURE_TIMEOUT:+timeout "$MEASURE_TIMEOUT"} "$@" \
    >"$work/$name.log" 2>&1 &
  local pid=$! rc=0
  python3 "$bench_lib/foundation/rss_tree.py" "$pid" "$work/$name.rss.json" &
  local sampler=$!
  wait "$pid" || rc=$?
  head -1 /proc/stat >>"$work/$name.cpu"
  wait "$sampler" || true
  echo "$rc" >"$work/$name.rc"
  echo "  $name exited $rc after $(tail -1 "$work/$name.time" | cut -d' ' -f1) s"
}
