#!/usr/bin/env bash
# Template: framelens on Kubernetes (cluster mode). IMAGE is any Spark 4.1 (Scala 2.13) image with hadoop-aws for
# s3a:// (e.g. apache/spark:4.1.0 plus the hadoop-aws 3.4.2 and AWS SDK jars); spark-submit uploads the application
# jar to UPLOAD (a path every pod can read). Credentials come from the pods' usual AWS providers (IRSA, instance
# profile, environment), never from the command line.
#   INPUT=s3a://bucket/corpus OUTPUT=s3a://bucket/out/run1 jobs/templates/kubernetes.sh
set -euo pipefail
API="${API:?set API to the Kubernetes API server, e.g. https://k8s-api:6443}"
MODELS="${MODELS:-s3a://bucket/libs/stanford-corenlp-4.5.10-models.jar}"
exec "$(dirname "${BASH_SOURCE[0]}")/../framelens-submit" \
  --master "k8s://$API" --deploy-mode cluster \
  --conf spark.executor.extraJavaOptions=-XX:+UseParallelGC \
  --conf spark.kubernetes.container.image="${IMAGE:?set IMAGE}" \
  --conf spark.kubernetes.namespace="${NAMESPACE:-default}" \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName="${SERVICE_ACCOUNT:-spark}" \
  --conf spark.kubernetes.file.upload.path="${UPLOAD:?set UPLOAD, e.g. s3a://bucket/spark-uploads}" \
  --conf spark.executor.instances="${EXECUTORS:-4}" \
  --executor-memory "${EXECUTOR_MEMORY:-4g}" --driver-memory "${DRIVER_MEMORY:-4g}" \
  --jars "$MODELS" \
  -- run --input "${INPUT:?set INPUT}" --output "${OUTPUT:?set OUTPUT}" "$@"
