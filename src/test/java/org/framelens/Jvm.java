package org.framelens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the integration tests need to start JVMs of their own the way jobs/framelens does. */
public final class Jvm {
  private Jvm() {}

  /** The java binary of the test JVM. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Spark's --add-opens list for Java 17, read from pom.xml as the launcher reads it. */
  public static List<String> sparkOpens() {
    Matcher m = Pattern.compile("<spark.jvm.opens>(.*)</spark.jvm.opens>").matcher(read(Path.of("pom.xml")));
    if (!m.find()) {
      throw new IllegalStateException("pom.xml has no spark.jvm.opens property");
    }
    return List.of(m.group(1).strip().split("\\s+"));
  }

  /** The runtime dependencies' jars, from target/runtime-classpath.txt (written by `mvn package`). */
  public static List<String> runtimeJars() {
    return List.of(read(Path.of("target/runtime-classpath.txt")).strip().split(":"));
  }

  /** The launcher's classpath: framelens's jar (not the -app one) and the runtime dependencies. */
  public static String launcherClasspath() {
    return builtJar(false) + ":" + String.join(":", runtimeJars());
  }

  /** A jar `mvn package` built in target/: the application jar for spark-submit, or framelens's own. */
  public static Path builtJar(boolean app) {
    try (var target = Files.list(Path.of("target"))) {
      return target.filter(p -> p.getFileName().toString().matches("framelens-.*\\.jar")
              && p.getFileName().toString().endsWith("-app.jar") == app)
          .findFirst().orElseThrow(() -> new IllegalStateException("no framelens jar in target/: run mvn verify, not mvn test"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p + " (run mvn verify, not mvn test)", e);
    }
  }
}
