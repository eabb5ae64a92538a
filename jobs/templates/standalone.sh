#!/usr/bin/env bash
# Template: framelens on a Spark standalone cluster, the driver on this machine (client mode). Copy it, set the
# variables (or edit the defaults), add framelens options after the script's name:
#   INPUT=hdfs://nn:8020/corpora/allsides OUTPUT=hdfs://nn:8020/out/allsides jobs/templates/standalone.sh --k 20,40
# CoreNLP's models jar (474 MB) is read by every executor from cluster storage, never copied by hand to the nodes.
set -euo pipefail
MASTER="${MASTER:-spark://master-host:7077}"
MODELS="${MODELS:-hdfs://nn:8020/libs/stanford-corenlp-4.5.10-models.jar}"
exec "$(dirname "${BASH_SOURCE[0]}")/../framelens-submit" \
  --master "$MASTER" --deploy-mode client \
  --conf spark.executor.extraJavaOptions=-XX:+UseParallelGC \
  --executor-memory "${EXECUTOR_MEMORY:-4g}" --total-executor-cores "${CORES:-16}" \
  --driver-memory "${DRIVER_MEMORY:-4g}" \
  --jars "$MODELS" \
  -- run --input "${INPUT:?set INPUT}" --output "${OUTPUT:?set OUTPUT}" "$@"
