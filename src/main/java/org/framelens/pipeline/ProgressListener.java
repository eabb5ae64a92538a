package org.framelens.pipeline;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs task progress of long Spark stages every interval, under the name of the framelens stage running. */
final class ProgressListener extends SparkListener {
  private static final Logger LOG = LoggerFactory.getLogger("org.framelens.progress");
  private final long intervalMillis;
  private final AtomicLong lastLog = new AtomicLong(System.currentTimeMillis());
  private final AtomicInteger tasksDone = new AtomicInteger();
  private final AtomicLong recordsRead = new AtomicLong();
  private volatile int tasksTotal;
  private volatile String sparkStage = "";
  volatile String stage = "";
  volatile long stageStart = System.currentTimeMillis();

  ProgressListener(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted event) {
    tasksTotal = event.stageInfo().numTasks();
    tasksDone.set(0);
    recordsRead.set(0);
    sparkStage = "Spark stage " + event.stageInfo().stageId();
  }

  @Override
  public void onStageCompleted(org.apache.spark.scheduler.SparkListenerStageCompleted event) {
    var info = event.stageInfo();
    if (LOG.isDebugEnabled() && info.submissionTime().isDefined() && info.completionTime().isDefined()) {
      LOG.debug("{}: Spark stage {} ({} tasks) took {} ms: {}", stage, info.stageId(), info.numTasks(),
          (long) info.completionTime().get() - (long) info.submissionTime().get(), info.name());
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    int done = tasksDone.incrementAndGet();
    if (event.taskMetrics() != null) {   // records (input lines, documents, rows) the finished task read
      recordsRead.addAndGet(event.taskMetrics().inputMetrics().recordsRead()
          + event.taskMetrics().shuffleReadMetrics().recordsRead());
    }
    long now = System.currentTimeMillis();
    long last = lastLog.get();
    if (now - last >= intervalMillis && lastLog.compareAndSet(last, now)) {
      LOG.info("{}: {} - {}/{} tasks, {} records read, {} s in this stage", stage, sparkStage, done, tasksTotal,
          String.format("%,d", recordsRead.get()), (now - stageStart) / 1000);
    }
  }
}
