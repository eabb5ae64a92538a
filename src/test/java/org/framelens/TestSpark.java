package org.framelens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of the test JVM (Surefire runs all test classes in one fork). Two shuffle partitions
 * keep the tiny test corpora fast (every task of a stage costs its scheduling: 4 made a sample-corpus run 15% slower
 * than 1) and, with local[2], still exercise more than one task.
 */
public final class TestSpark {
  private TestSpark() {}

  private static SparkSession session;

  public static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("framelens-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          // As a small local run (cli.SparkOptions): adaptive execution's job per shuffle stage made the tests 13%
          // slower on their toy corpora; the cluster integration tests keep it on.
          .config("spark.sql.adaptive.enabled", "false")
          // Interpreted evaluation, as cli.SparkOptions runs an input of one task's size: compiling each plan's
          // generated code was a third of the unit tests' time; the integration tests keep code generation.
          .config(org.apache.spark.sql.internal.SQLConf.CODEGEN_FACTORY_MODE().key(), "NO_CODEGEN")
          .config("spark.default.parallelism", "2")
          .config("spark.driver.host", "127.0.0.1")
          // As a local run (cli.SparkOptions): files written without a chmod process each.
          .config("spark.hadoop." + org.framelens.output.LocalFiles.SETTING, org.framelens.output.LocalFiles.class.getName())
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  private static final java.util.List<Path> TEMP = new java.util.ArrayList<>();

  /** A fresh folder under the system temp dir, removed when the test JVM exits. */
  public static synchronized Path tempDir(String prefix) {
    try {
      if (TEMP.isEmpty()) {
        Runtime.getRuntime().addShutdownHook(new Thread(TestSpark::deleteTemp));
      }
      Path p = Files.createTempDirectory("framelens-test-" + prefix);
      TEMP.add(p);
      return p;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static synchronized void deleteTemp() {
    for (Path root : TEMP) {
      try {
        deleteTree(root);
      } catch (IOException | java.io.UncheckedIOException ignored) {
        // best effort: the OS cleans its temp dir eventually
      }
    }
  }

  /** Removes a folder and everything under it, if it exists. */
  public static void deleteTree(Path root) throws IOException {
    if (Files.exists(root)) {
      try (var walk = Files.walk(root)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** ../shared beside the checkout (benchmark corpora), or null when absent. */
  public static Path shared() {
    Path p = Path.of(System.getProperty("framelens.shared", "../shared"));
    return Files.isDirectory(p) ? p : null;
  }
}
