package org.framelens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.framelens.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * How a new session is sized from what the run reads: one task's worth of input runs without adaptive execution and
 * without generated code.
 */
class SparkOptionsTest {

  private static SparkOptions options(String master, String... confs) {
    SparkOptions o = new SparkOptions();
    o.master = master;
    for (int i = 0; i < confs.length; i += 2) {
      o.conf.put(confs[i], confs[i + 1]);
    }
    return o;
  }

  private static SparkConf conf(String input, String master, String... confs) {
    return options(master, confs).sized(input).conf();
  }

  /** Whether a run of these settings loads its stages' models ahead (PipelineCommand, Pipeline.preload). */
  private static boolean preloads(String input, String master, String... confs) {
    return options(master, confs).sized(input).small();
  }

  private static String sizing(SparkConf c) {
    return c.get("spark.sql.shuffle.partitions") + "/" + c.get("spark.sql.adaptive.enabled") + "/"
        + c.get(SparkOptions.CODEGEN_MODE, "generated");
  }

  /** A file of {@code bytes} (sparse: only its length matters). */
  private static Path file(Path dir, String name, long bytes) throws Exception {
    Path p = dir.resolve(name);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(bytes);
    }
    return p;
  }

  @Test
  void aSmallLocalInputRunsInOnePartitionWithoutAdaptiveExecution() throws Exception {
    Path dir = TestSpark.tempDir("sizing-small");
    file(dir, "a.jsonl", 40_000);
    file(dir, "b.jsonl", SparkOptions.SMALL_INPUT_BYTES - 40_000);   // together exactly the limit
    assertEquals("1/false/NO_CODEGEN", sizing(conf(dir.toString(), null)));
    assertEquals("1/false/NO_CODEGEN", sizing(conf(dir + "/*.jsonl", "local[2]")));
    assertEquals("1/false/NO_CODEGEN", sizing(conf(dir.resolve("a.jsonl").toString(), null)));
    assertTrue(preloads(dir.toString(), null) && preloads(dir.toString(), "local[2]", "spark.sql.shuffle.partitions", "8"));
  }

  @Test
  void aLargerInputAClusterOrTheUsersOwnSettingsKeepTheDefaults() throws Exception {
    Path dir = TestSpark.tempDir("sizing-large");
    file(dir, "a.jsonl", SparkOptions.SMALL_INPUT_BYTES);
    file(dir, "b.jsonl", 1);   // one byte over the limit
    assertEquals("64/true/generated", sizing(conf(dir.toString(), null)));
    Path small = Files.createDirectories(dir.resolve("small"));
    file(small, "a.jsonl", 1000);
    assertEquals("64/true/generated", sizing(conf(small.toString(), "spark://127.0.0.1:7077")));
    // The user's own sizing wins; a small input still skips code generation unless that is set too.
    assertEquals("8/true/NO_CODEGEN", sizing(conf(small.toString(), null, "spark.sql.shuffle.partitions", "8")));
    assertEquals("1/false/FALLBACK", sizing(conf(small.toString(), null, SparkOptions.CODEGEN_MODE, "FALLBACK")));
    assertEquals("64/true/NO_CODEGEN", sizing(conf(small.toString(), null, "spark.sql.adaptive.enabled", "true")));
    // Not listable (missing): sized as any input.
    assertEquals("64/true/generated", sizing(conf(dir.resolve("absent").toString(), null)));
    // Models are loaded ahead only where the tasks share this JVM and the corpus leaves cores idle.
    assertFalse(preloads(dir.toString(), null) || preloads(small.toString(), "spark://127.0.0.1:7077")
        || preloads(dir.resolve("absent").toString(), null));
  }

  @Test
  void aSmallInputOnAnotherFileSystemIsSizedAsOnTheLocalDiskUnlessItsListingStalls() throws Exception {
    Path dir = TestSpark.tempDir("sizing-remote");
    file(dir, "a.jsonl", 1000);
    String crashing = "spark.hadoop.fs.crashing.impl";
    // A file system of its own scheme, reached through the run's --conf spark.hadoop.* settings as HDFS or S3 are.
    assertEquals("1/false/NO_CODEGEN", sizing(conf("crashing://" + dir + "/*.jsonl", null,
        crashing, org.framelens.output.CrashingFileSystem.class.getName())));
    file(Files.createDirectories(dir.resolve("sub")), "b.jsonl", SparkOptions.SMALL_INPUT_BYTES);   // counted below its folder
    assertEquals("64/true/generated", sizing(conf("crashing://" + dir, null,
        crashing, org.framelens.output.CrashingFileSystem.class.getName())));

    SparkOptions stalled = new SparkOptions();
    stalled.conf.put("spark.hadoop.fs." + StalledFileSystem.SCHEME + ".impl", StalledFileSystem.class.getName());
    long start = System.nanoTime();
    assertEquals(-1, stalled.inputBytes(StalledFileSystem.SCHEME + "://" + dir, java.time.Duration.ofMillis(300)));
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "the sizing waited for the stalled listing");
  }

  /** A store that never answers a listing, as an unreachable endpoint retrying for minutes. */
  public static class StalledFileSystem extends org.apache.hadoop.fs.RawLocalFileSystem {
    static final String SCHEME = "stalled";

    @Override
    public java.net.URI getUri() {
      return java.net.URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
      return SCHEME;
    }

    @Override
    public org.apache.hadoop.fs.FileStatus[] globStatus(org.apache.hadoop.fs.Path p) throws java.io.IOException {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new java.io.IOException("stalled");
    }
  }

  @Test
  void aTaskReadsAtMost32MegabytesOfAFileUnlessTheUserSaysOtherwise() throws Exception {
    Path dir = TestSpark.tempDir("sizing-split");
    file(dir, "a.jsonl", SparkOptions.SMALL_INPUT_BYTES + 1);
    assertEquals("32m", conf(dir.toString(), null).get("spark.sql.files.maxPartitionBytes"));
    assertEquals("32m", conf(dir.toString(), "spark://127.0.0.1:7077").get("spark.sql.files.maxPartitionBytes"));
    assertEquals("256m", conf(dir.toString(), null, "spark.sql.files.maxPartitionBytes", "256m")
        .get("spark.sql.files.maxPartitionBytes"));
  }

  @Test
  void aLocalRunWritesWithoutChmodProcessesAClusterKeepsHadoopsClass() throws Exception {
    Path dir = TestSpark.tempDir("sizing-fs");
    String key = "spark.hadoop." + org.framelens.output.LocalFiles.SETTING;
    assertEquals(org.framelens.output.LocalFiles.class.getName(), conf(dir.toString(), null).get(key));
    assertEquals(org.framelens.output.LocalFiles.class.getName(), conf(dir.toString(), "local[2]").get(key, null));
    assertEquals(null, conf(dir.toString(), "spark://127.0.0.1:7077").get(key, null));
    assertEquals("org.apache.hadoop.fs.LocalFileSystem",
        conf(dir.toString(), null, key, "org.apache.hadoop.fs.LocalFileSystem").get(key));
  }
}
