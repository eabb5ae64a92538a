package org.framelens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of the test JVM (Surefire runs all test classes in one fork). Small shuffle
 * partition counts keep the tiny test corpora fast; local[2] still exercises more than one task.
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
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.default.parallelism", "2")
          .config("spark.driver.host", "127.0.0.1")
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** ../shared beside the checkout (benchmark corpora), or null when absent. */
  public static Path shared() {
    Path p = Path.of(System.getProperty("framelens.shared", "../shared"));
    return Files.isDirectory(p) ? p : null;
  }
}
