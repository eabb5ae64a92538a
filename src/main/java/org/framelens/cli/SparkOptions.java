package org.framelens.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.framelens.output.LocalFiles;
import picocli.CommandLine.Option;

/** Where Spark runs. Under spark-submit the master and confs it was given win unless set here explicitly. */
public class SparkOptions {

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master: local[*], local[N], spark://host:7077, yarn, k8s://... (default: local[*], or what spark-submit set).")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Any Spark setting, repeatable (e.g. --conf spark.sql.shuffle.partitions=64).")
  Map<String, String> conf = new LinkedHashMap<>();

  /**
   * The Hadoop configuration the session will have (its spark.hadoop.* settings on Hadoop's defaults), built without
   * starting Spark, so that side files can be checked before the seconds a session takes to start.
   */
  org.apache.hadoop.conf.Configuration hadoop() {
    org.apache.hadoop.conf.Configuration c = new org.apache.hadoop.conf.Configuration();
    for (scala.Tuple2<String, String> kv : conf().getAll()) {
      if (kv._1().startsWith("spark.hadoop.")) {
        c.set(kv._1().substring("spark.hadoop.".length()), kv._2());
      }
    }
    return c;
  }

  /** Below this much input a local run is sized for one task (see {@link #session(String)}). */
  static final long SMALL_INPUT_BYTES = 8L << 20;

  /**
   * The session for a run that reads {@code input} (a path or glob). On a local master, an input of at most
   * {@link #SMALL_INPUT_BYTES} (the sample corpus, a course assignment's few hundred articles) runs its shuffles in
   * one partition without adaptive execution, unless either is set: adaptive execution submits every shuffle stage
   * as a job of its own, and on a corpus that fits one task those jobs, not the data, are the run's cost (the sample
   * run: 54 s against 64 s; bench/README.md). Such an input is also evaluated without generated code (see
   * {@link #INTERPRETED}) unless that is set. None of these settings changes a table.
   */
  SparkSession session(String input) {
    return session(input, () -> {});
  }

  /**
   * {@link #session(String)}, running {@code smallLocal} first when the new session is local and sized small: its
   * tasks will run in this JVM, on a corpus whose data leaves cores idle while Spark starts.
   */
  SparkSession session(String input, Runnable smallLocal) {
    if (SparkSession.getDefaultSession().isDefined()) {
      return SparkSession.getDefaultSession().get();   // an embedded caller's session keeps its own settings
    }
    Sized s = sized(input);
    if (s.small()) {
      smallLocal.run();
    }
    return SparkSession.builder().config(s.conf()).getOrCreate();
  }

  /** A new session's settings, and whether its input was sized small on a local master. */
  record Sized(SparkConf conf, boolean small) {}

  /** The settings of {@link #session(String)}'s new session. */
  Sized sized(String input) {
    SparkConf sc = rawConf();
    boolean userSet = sc.contains("spark.sql.shuffle.partitions") || sc.contains("spark.sql.adaptive.enabled");
    boolean small = false;
    if (sc.get("spark.master").startsWith("local")) {
      long bytes = inputBytes(input, SIZING_LIMIT);
      small = bytes >= 0 && bytes <= SMALL_INPUT_BYTES;
      if (small) {
        if (!userSet) {
          sc.set("spark.sql.shuffle.partitions", "1").set("spark.sql.adaptive.enabled", "false");
        }
        sc.setIfMissing(CODEGEN_MODE, INTERPRETED);
      }
    }
    defaults(sc);
    return new Sized(sc, small);
  }

  /**
   * Spark compiles Java source for every query plan (projections, predicates, orderings) with Janino; in a short JVM
   * on a few documents that compilation, not the data, is most of each query's time. {@code NO_CODEGEN} takes the
   * interpreted evaluators instead, the path Spark itself falls back to whenever compilation fails and which its own
   * test suites run against the generated one, so the values are the same (bench/sample/run.sh compares the
   * tables). The setting is one Spark marks internal, which is why it is set only here, for inputs that fit one
   * task, where it made the sample run 20% faster and the unit tests 30% (bench/README.md); on anything larger
   * generated code wins.
   */
  static final String CODEGEN_MODE = org.apache.spark.sql.internal.SQLConf.CODEGEN_FACTORY_MODE().key();
  static final String INTERPRETED = "NO_CODEGEN";

  /**
   * How long a local run waits for the listing that sizes its input before it sizes it as any input: a remote store
   * (HDFS, S3) that does not answer at once retries for minutes, and the run then reports that itself.
   */
  static final java.time.Duration SIZING_LIMIT = java.time.Duration.ofSeconds(10);

  /**
   * The bytes of the files a path or glob names, up to just over {@link #SMALL_INPUT_BYTES}, or -1 when they cannot
   * be listed within {@code limit}. Any file system Hadoop reaches with the --conf spark.hadoop.* settings: a local
   * run of a small corpus on HDFS or S3 is sized as one on the local disk (the S3 integration test's run: 105 s of
   * stages against 157 s). The client is a new one, closed here, so that the session's cached one is made, as
   * always, with every setting Spark adds.
   */
  long inputBytes(String input, java.time.Duration limit) {
    java.util.concurrent.ExecutorService listing = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "framelens-input-sizing");
      t.setDaemon(true);   // a listing still retrying when the limit passes must not keep the JVM alive
      return t;
    });
    try {
      return listing.submit(() -> listedBytes(input)).get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      return -1;   // the run itself reports an input it cannot read
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } finally {
      listing.shutdownNow();
    }
  }

  private long listedBytes(String input) throws java.io.IOException {
    org.apache.hadoop.fs.Path p;
    try {
      p = new org.apache.hadoop.fs.Path(input);
    } catch (IllegalArgumentException e) {
      return -1;
    }
    org.apache.hadoop.conf.Configuration c = hadoop();
    try (org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.newInstance(p.toUri(), c)) {
      org.apache.hadoop.fs.FileStatus[] found = fs.globStatus(p);
      if (found == null || found.length == 0) {
        return -1;
      }
      // Left as soon as the input is known to be large: a large corpus on S3 costs the first pages of its listing.
      long[] bytes = {0};
      for (org.apache.hadoop.fs.FileStatus f : found) {
        if (f.isDirectory()) {
          org.framelens.corpus.InputFiles.eachFile(fs, f.getPath(), g -> (bytes[0] += g.getLen()) <= SMALL_INPUT_BYTES);
        } else {
          bytes[0] += f.getLen();
        }
        if (bytes[0] > SMALL_INPUT_BYTES) {
          break;
        }
      }
      return bytes[0];
    }
  }

  private SparkConf conf() {
    SparkConf sc = rawConf();
    defaults(sc);
    return sc;
  }

  /** The master, the app name and what --conf and spark-submit set; no framelens default yet. */
  private SparkConf rawConf() {
    SparkConf sc = new SparkConf(true);   // picks up spark-submit's spark.* system properties
    if (master != null) {
      sc.setMaster(master);
    } else if (!sc.contains("spark.master")) {
      sc.setMaster("local[*]");
    }
    sc.setIfMissing("spark.app.name", "framelens");
    if (sc.get("spark.master").startsWith("local")) {
      sc.setIfMissing("spark.ui.enabled", "false");   // a laptop run needs no web UI, nor its port
      // Local files without a chmod process per file written (output.LocalFiles); a cluster keeps Hadoop's class.
      sc.setIfMissing("spark.hadoop." + LocalFiles.SETTING, LocalFiles.class.getName());
    }
    conf.forEach(sc::set);
    return sc;
  }

  private static void defaults(SparkConf sc) {
    // AQE merges small shuffle partitions, so a generous default stays cheap on a laptop and scales on a cluster.
    sc.setIfMissing("spark.sql.shuffle.partitions", "64");
    sc.setIfMissing("spark.sql.adaptive.enabled", "true");
    sc.setIfMissing(MAX_SPLIT, MAX_SPLIT_DEFAULT);
  }

  /**
   * The most bytes of a file one task reads. Spark's 128 MB suits rows that stay rows; a framelens task turns each
   * compressed text into its tokens, sentences and terms, some 30 times the bytes on the heap. With 128 MB splits
   * a task of the documents table held 30,000 articles, and the terms stage ran out of a 2 GB heap on 4 times
   * AllSides (bench/growth). 32 MB bounds a task at about 8,000 articles whatever the corpus size, so a run's memory
   * does not grow with it; it changes no table.
   */
  static final String MAX_SPLIT = "spark.sql.files.maxPartitionBytes";
  static final String MAX_SPLIT_DEFAULT = "32m";
}
