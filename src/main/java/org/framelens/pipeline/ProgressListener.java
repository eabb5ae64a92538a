package org.framelens.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs task progress of long Spark stages every interval, under the name of the framelens stage running. Spark runs
 * independent stages at once (adaptive execution submits both sides of a join), so the counts are kept per Spark stage.
 */
final class ProgressListener extends SparkListener {
  private static final Logger LOG = LoggerFactory.getLogger("org.framelens.progress");
  private final long intervalMillis;
  private final AtomicLong lastLog = new AtomicLong(System.currentTimeMillis());
  private final Map<Integer, Counts> running = new ConcurrentHashMap<>();
  volatile String stage = "";
  volatile long stageStart = System.currentTimeMillis();

  private record Counts(int total, AtomicInteger done, AtomicLong records) {}

  ProgressListener(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted event) {
    running.put(event.stageInfo().stageId(), new Counts(event.stageInfo().numTasks(), new AtomicInteger(), new AtomicLong()));
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted event) {
    var info = event.stageInfo();
    running.remove(info.stageId());
    if (LOG.isDebugEnabled() && info.submissionTime().isDefined() && info.completionTime().isDefined()) {
      LOG.debug("{}: Spark stage {} ({} tasks) took {} ms: {}", stage, info.stageId(), info.numTasks(),
          (long) info.completionTime().get() - (long) info.submissionTime().get(), info.name());
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    Counts c = running.get(event.stageId());
    if (c == null) {
      return;   // a task ending after its stage (a speculative or killed copy)
    }
    int done = c.done().incrementAndGet();
    if (event.taskMetrics() != null) {   // records (input lines, documents, rows) the finished task read
      c.records().addAndGet(event.taskMetrics().inputMetrics().recordsRead()
          + event.taskMetrics().shuffleReadMetrics().recordsRead());
    }
    long now = System.currentTimeMillis();
    long last = lastLog.get();
    if (now - last >= intervalMillis && lastLog.compareAndSet(last, now)) {
      LOG.info("{}: Spark stage {} - {}/{} tasks, {} records read, {} s in this stage", stage, event.stageId(), done,
          c.total(), String.format("%,d", c.records().get()), (now - stageStart) / 1000);
    }
  }
}
