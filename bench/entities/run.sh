#!/usr/bin/env bash
# Entities benchmark: the entities stage (Spark, every core) against CoreNLP alone in one thread (CoreNlpAlone.java)
# on the same documents, then tokens/s per core for both and peak memory. See bench/entities/README.md.
#
# usage: bench/entities/run.sh [--full] [--one-core] [--no-build]
#   default  ../shared/corpora/allsides/sample-2000.jsonl (2,000 articles)
#   --full   the 8 AllSides shards, ../shared/corpora/allsides/articles-part-*.jsonl.gz (37,554 articles; long): the
#            stage annotates them all, CoreNLP alone every ALONE_EVERY-th document (default 10)
#   --one-core  also the stage on one core (local[1]), the same footing as CoreNLP alone: one worker thread, and the
#            machine's other cores free for the JVM's compiler and collector threads
# Environment: FRAMELENS_HEAP (default 3g: the stage's driver heap), ALONE_HEAP (default: the same), CORES (default: nproc),
# ALONE_EVERY (default 1, or 10 with --full).
# Logs and outputs go to a fresh temp dir, printed first. Exit status: 0 when the target (Spark per core >= 90% of
# CoreNLP alone) is met, 1 when not or a job failed, 2 on a usage or setup error.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
allsides="$root/../shared/corpora/allsides"
input="$allsides/sample-2000.jsonl"
corpus=sample-2000
build=1
# One heap for both contenders: CoreNLP ran 9% slower in the stage's 2 GB (the launcher's default, shared with Spark)
# than alone in 3 GB, and as fast in 3 GB (bench/entities/README.md).
FRAMELENS_HEAP=${FRAMELENS_HEAP:-3g}
ALONE_HEAP=${ALONE_HEAP:-$FRAMELENS_HEAP}
CORES=${CORES:-$(nproc)}
one_core=0
while [ $# -gt 0 ]; do
  case "$1" in
    --full) input="$allsides/articles-part-*.jsonl.gz"; corpus=full; shift ;;
    --one-core) one_core=1; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
ALONE_EVERY=${ALONE_EVERY:-$([ "$corpus" = full ] && echo 10 || echo 1)}
[ -d "$allsides" ] || { echo "run.sh: $allsides is missing (../shared beside the checkout)" >&2; exit 2; }
for tool in java python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is required" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/framelens-bench-entities.XXXXXX")
echo "work dir (logs and outputs): $work"
echo "corpus: $corpus ($input), $CORES cores"
cd "$root"
if [ "$build" = 1 ]; then
  mvn -B -q -o -DskipTests package >"$work/build.log" 2>&1 || mvn -B -q -DskipTests package >>"$work/build.log" 2>&1 \
    || { echo "run.sh: build failed, see $work/build.log" >&2; exit 2; }
fi
opens=($(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' pom.xml))
export SPARK_LOCAL_IP=127.0.0.1

# measure (bench/lib.sh): GNU time, the whole tree's RSS, /proc/stat before and after to see how much CPU other
# processes took meanwhile.
source "$root/bench/lib.sh"

# The documents table first (not measured): both contenders read the same cleaned texts.
jobs/framelens ingest --input "$input" --output "$work/out" --outlet-aliases data/allsides-outlet-aliases.csv \
  --driver-memory "$FRAMELENS_HEAP" >"$work/ingest.log" 2>&1 || { echo "run.sh: ingest failed, see $work/ingest.log" >&2; exit 1; }
measure stage jobs/framelens entities --output "$work/out" --master "local[$CORES]" --driver-memory "$FRAMELENS_HEAP"
cp "$work/out/run_manifest.json" "$work/stage.manifest.json"
if [ "$one_core" = 1 ]; then
  measure stage1 jobs/framelens entities --output "$work/out" --master "local[1]" --driver-memory "$FRAMELENS_HEAP"
  cp "$work/out/run_manifest.json" "$work/stage1.manifest.json"
fi
# CoreNLP alone twice: with the collector the launcher gives the stage (parallel GC), the like-for-like ceiling; and
# with the JVM's default (G1), as a user running CoreNLP by hand would.
measure alone java "${opens[@]}" "-Xmx$ALONE_HEAP" -XX:+UseParallelGC -cp "target/classes:$(cat target/runtime-classpath.txt)" \
  "$here/CoreNlpAlone.java" "$work/out" "$ALONE_EVERY"
measure alone_g1 java "${opens[@]}" "-Xmx$ALONE_HEAP" -cp "target/classes:$(cat target/runtime-classpath.txt)" \
  "$here/CoreNlpAlone.java" "$work/out" "$ALONE_EVERY"
# And the stage's own way of calling CoreNLP (Nlp.annotate: the same labels, tags only where read), one thread: the
# difference between the stage and this is what Spark and the rules after NER cost.
measure alone_stage java "${opens[@]}" "-Xmx$ALONE_HEAP" -XX:+UseParallelGC -cp "target/classes:$(cat target/runtime-classpath.txt)" \
  "$here/CoreNlpAlone.java" "$work/out" "$ALONE_EVERY" 1 --stage-tagging
# And in as many threads as the stage has cores: what the machine gives CoreNLP on all its cores, Spark aside.
if [ "$CORES" -gt 1 ]; then
  measure alone_n java "${opens[@]}" "-Xmx$ALONE_HEAP" -XX:+UseParallelGC -cp "target/classes:$(cat target/runtime-classpath.txt)" \
    "$here/CoreNlpAlone.java" "$work/out" "$ALONE_EVERY" "$CORES"
fi

python3 - "$work" "$CORES" "$FRAMELENS_HEAP" "$ALONE_HEAP" <<'PY'
import json, os, re, sys
work, cores = sys.argv[1], int(sys.argv[2])
def busy(name):
    a, b = [list(map(int, l.split()[1:])) for l in open(f"{work}/{name}.cpu")]
    d = [y - x for x, y in zip(a, b)]
    total = sum(d); idle = d[3] + d[4]
    return (total - idle) / total if total else 0.0
def rss(name):
    try:
        return json.load(open(f"{work}/{name}.rss.json"))["peak_tree_rss_kb"] / 1024
    except Exception:
        return float("nan")
def timing(name):
    wall, maxrss, user, sys_ = open(f"{work}/{name}.time").read().split()[-4:]
    return float(wall), float(maxrss) / 1024, float(user) + float(sys_)
ok = all(open(f"{work}/{n}.rc").read().strip() == "0" for n in ("stage", "alone", "alone_g1", "alone_stage") + (("alone_n",) if cores > 1 else ()))
if not ok:
    print("a job failed: see the logs in", work); sys.exit(1)
def entities_stage(name):
    return [s for s in json.load(open(f"{work}/{name}.manifest.json"))["stages"] if s["name"] == "entities"][0]
st = entities_stage("stage")
def corenlp(name):
    return dict(kv.split("=") for kv in re.search(r"CORENLP (.*)", open(f"{work}/{name}.log").read()).group(1).split())
w_stage, rss_stage, cpu_stage = timing("stage")
stage_tps = st["tokens"] / st["seconds"] / cores
ner_tps = st["tokens"] / st["ner_seconds"] / cores
print()
print(f"| | documents | tokens | seconds | tokens/s per core | peak RSS (tree) | machine CPU busy |")
print(f"|---|---|---|---|---|---|---|")
print(f"| entities stage (Spark local[{cores}], heap {sys.argv[3]}, parallel GC) | {st['documents']:,} | {st['tokens']:,} | {st['seconds']:.1f} (stage; process {w_stage:.1f}) | {stage_tps:,.0f} | {rss('stage'):,.0f} MB | {busy('stage'):.0%} |")
print(f"| of which the NER pass (CoreNLP + document rules, all tasks) | | | {st['ner_seconds']:.1f} | {ner_tps:,.0f} | | |")
def inside(s):
    # CoreNLP's own time and the rules' time, summed over the task threads: what each costs inside Spark.
    return (f"  inside its tasks: CoreNLP {s['tokens'] / s['corenlp_task_seconds']:,.0f} tokens per task-second "
            f"({s['corenlp_task_seconds']:.1f} s), the document rules {s['rules_task_seconds']:.1f} s")
inside_lines = [f"local[{cores}]" + inside(st)]
one = os.path.exists(f"{work}/stage1.manifest.json")
if one:
    if open(f"{work}/stage1.rc").read().strip() != "0":
        print("the one-core run failed: see the logs in", work); sys.exit(1)
    s1 = entities_stage("stage1")
    print(f"| entities stage (Spark local[1], heap {sys.argv[3]}, parallel GC) | {s1['documents']:,} | {s1['tokens']:,} | {s1['seconds']:.1f} (stage; process {timing('stage1')[0]:.1f}) | {s1['tokens'] / s1['seconds']:,.0f} | {rss('stage1'):,.0f} MB | {busy('stage1'):.0%} |")
    print(f"| of which the NER pass | | | {s1['ner_seconds']:.1f} | {s1['tokens'] / s1['ner_seconds']:,.0f} | | |")
    inside_lines.append("local[1]" + inside(s1))
tps = {}
for name, label in (("alone", "parallel GC, as the stage"), ("alone_g1", "JVM default G1"),
                    ("alone_stage", "parallel GC, the stage's CoreNLP calls: tags only where read")):
    a = corenlp(name)
    tps[name] = int(a["tokens"]) / float(a["seconds"])
    print(f"| CoreNLP alone (1 thread, heap {sys.argv[4]}, {label}) | {int(a['docs']):,} | {int(a['tokens']):,} | {float(a['seconds']):.1f} (annotate; load {float(a['load_seconds']):.1f}) | {tps[name]:,.0f} | {rss(name):,.0f} MB | {busy(name):.0%} |")
if cores > 1:
    a = corenlp("alone_n")
    tps["alone_n"] = int(a["tokens"]) / float(a["seconds"]) / cores
    print(f"| CoreNLP alone ({cores} threads, one pipeline, heap {sys.argv[4]}, parallel GC) | {int(a['docs']):,} | {int(a['tokens']):,} | {float(a['seconds']):.1f} (annotate) | {tps['alone_n']:,.0f} | {rss('alone_n'):,.0f} MB | {busy('alone_n'):.0%} |")
ratio = stage_tps / tps["alone"]
print(f"\nSpark stage per core / CoreNLP alone (same collector) = {ratio:.0%} (target >= 90%); NER pass alone: {ner_tps / tps['alone']:.0%}")
if one:
    print(f"on one core (local[1]) / CoreNLP alone (same collector): stage {s1['tokens'] / s1['seconds'] / tps['alone']:.0%}, "
          f"NER pass {s1['tokens'] / s1['ner_seconds'] / tps['alone']:.0%}")
if cores > 1:
    print(f"CoreNLP alone in {cores} threads keeps {tps['alone_n'] / tps['alone']:.0%} of one thread's speed per core on this machine; "
          f"against it (same cores, Spark aside) the stage keeps {stage_tps / tps['alone_n']:.0%}, the NER pass {ner_tps / tps['alone_n']:.0%}")
print(f"against CoreNLP alone called as the stage calls it (the same labels for less tagging; Spark's own cost): "
      f"stage {stage_tps / tps['alone_stage']:.0%}, NER pass {ner_tps / tps['alone_stage']:.0%}")
print(f"against CoreNLP alone under the JVM's default collector: stage {stage_tps / tps['alone_g1']:.0%}, NER pass {ner_tps / tps['alone_g1']:.0%}")
# On a shared machine wall-clock per core understates both; CPU seconds (user + sys of the whole process, JVM start,
# model loading and Spark's own threads included) do not depend on what else runs.
_, _, cpu_alone = timing("alone")
a = corenlp("alone")
stage_cpu_tps = st["tokens"] / cpu_stage
alone_cpu_tps = int(a["tokens"]) / cpu_alone
print("\n".join(inside_lines))
print(f"tokens per CPU second of the whole process: stage {stage_cpu_tps:,.0f} ({cpu_stage:,.0f} s), "
      f"CoreNLP alone {alone_cpu_tps:,.0f} ({cpu_alone:,.0f} s): {stage_cpu_tps / alone_cpu_tps:.0%}")
print(f"entities: {st['entities']:,}, mentions: {st['mentions']:,}, cooccurrence rows: {st['cooccurrence_rows']:,}")
print("machine CPU busy above the job's own share means other processes competed: rerun on a quiet machine.")
sys.exit(0 if ratio >= 0.9 else 1)
PY
