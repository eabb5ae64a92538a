# Sourced by the benchmarks' run.sh. measure NAME COMMAND...: runs one job under GNU time (wall s, max RSS of the
# largest process in KB, user s, system s) while rss_tree.py samples the RSS of the job's whole process tree (a
# launcher script, its JVM, Spark's children), with the machine's /proc/stat CPU counters before and after. Writes
# $work/NAME.{log,time,rss.json,cpu,rc}; always returns 0 (the job's exit code is in NAME.rc). MEASURE_TIMEOUT, when
# set, stops the job after that long (timeout(1) syntax). Also defines spark_opens, the JVM options a plain java
# command needs to run Spark on Java 17.
bench_lib="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Spark on Java 17 needs these (the list Spark's own launcher passes, JavaModuleOptions).
spark_opens=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)

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

# need_pyarrow: stops the benchmark (exit 2) unless $PYTHON (default python3) imports pyarrow.
need_pyarrow() {
  ${PYTHON:-python3} -c 'import pyarrow' 2>/dev/null || {
    echo "run.sh: ${PYTHON:-python3} needs pyarrow (pip install -r notebooks/requirements.txt; or PYTHON=...)" >&2; exit 2; }
}

# build_framelens ROOT: mvn package (offline first, tests skipped) with its log in $work/build.log, then the
# launcher's stamp, so that jobs/framelens does not rebuild inside a timed run; exit 2 when the build fails.
build_framelens() {
  echo "building framelens (mvn package, offline first) ..."
  (cd "$1" && { mvn -B -q -o -DskipTests package >"$work/build.log" 2>&1 || mvn -B -q -DskipTests package >>"$work/build.log" 2>&1; }) \
    || { echo "run.sh: build failed, see $work/build.log" >&2; exit 2; }
  touch "$1/target/.framelens-built"
}
