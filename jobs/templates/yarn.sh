#!/usr/bin/env bash
# Template: framelens on YARN, the driver in the cluster (cluster mode). Needs HADOOP_CONF_DIR (or YARN_CONF_DIR)
# pointing at the cluster's configuration. One application attempt only: a second attempt would find the first
# driver's lock on the output folder from another host and stop (see the README, "Reproducibility and failure").
#   INPUT=hdfs:///corpora/allsides OUTPUT=hdfs:///out/allsides jobs/templates/yarn.sh --k 20
set -euo pipefail
MODELS="${MODELS:-hdfs:///libs/stanford-corenlp-4.5.10-models.jar}"
exec "$(dirname "${BASH_SOURCE[0]}")/../framelens-submit" \
  --master yarn --deploy-mode cluster \
  --conf spark.executor.extraJavaOptions=-XX:+UseParallelGC \
  --num-executors "${EXECUTORS:-8}" --executor-cores "${EXECUTOR_CORES:-2}" \
  --executor-memory "${EXECUTOR_MEMORY:-4g}" --driver-memory "${DRIVER_MEMORY:-4g}" \
  --conf spark.yarn.maxAppAttempts=1 \
  --jars "$MODELS" \
  -- run --input "${INPUT:?set INPUT}" --output "${OUTPUT:?set OUTPUT}" "$@"
