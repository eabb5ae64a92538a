package org.framelens;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.framelens.cli.Main;

/**
 * The README's first command on the sample corpus, `framelens run --input data/sample --output DIR` with 100 sampler
 * sweeps, run through the command line in the shared session. A full run of the sample costs half a minute to a
 * minute, and several test classes only read what it wrote (the Parquet contract, the printed summary, the report in
 * a browser, the gold comparisons, the reference a cluster's or a killed run's tables must equal). Nothing may change
 * {@link #folder()}: a test that reruns a stage over it works on a {@link #copy(String)}.
 *
 * <p>The run is kept under target/sample-run/KEY, KEY a digest of what decides its outcome (framelens's compiled
 * classes and resources, the POM, the sample corpus, the options, this class and the test session's, the checkout's
 * path), so that the integration tests' JVM reads the folder the unit tests' JVM made in the same build instead of
 * making it again; any change to them gives a new key (earlier keys' folders, 3.5 MB each, stay until mvn clean). A
 * folder is used only once its run wrote {@value #COMPLETE}, which is written last, and test JVMs running at once
 * take turns through a file lock (target/sample-run.lock).
 */
public final class SampleRun {
  /** What a command returned and printed. */
  public record Outcome(int code, String out, String err) {}

  /** The command line's arguments after `--output DIR`. */
  public static final String[] OPTIONS = {"--iterations", "100"};

  private static SampleRun shared;
  static final String COMPLETE = "complete";

  private final Path folder;
  private final Outcome outcome;

  private SampleRun(Path folder, Outcome outcome) {
    this.folder = folder;
    this.outcome = outcome;
  }

  /** The run, made on first use in this build; it must have succeeded. */
  public static synchronized SampleRun get() {
    if (shared == null) {
      Path root = Path.of("target/sample-run").toAbsolutePath();
      try {
        Files.createDirectories(root);   // and target/, for the lock beside it
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // Test JVMs running at once in one checkout (two mvn commands) make it once: the others wait for it.
      try (var channel = java.nio.channels.FileChannel.open(root.resolveSibling("sample-run.lock"),
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE); var lock = channel.lock()) {
        Path kept = root.resolve(key());
        Path dir = kept.resolve("out");
        if (!Files.exists(kept.resolve(COMPLETE))) {
          // An interrupted run of this key; other keys' folders stay (a JVM may be reading one) until mvn clean.
          TestSpark.deleteTree(kept);
          Files.createDirectories(kept);
          Outcome o = cli(command(dir).toArray(String[]::new));
          if (o.code() != 0) {
            throw new IllegalStateException("the sample run failed (" + o.code() + "):\n" + o.err());
          }
          Files.writeString(kept.resolve("stdout.txt"), o.out());
          Files.writeString(kept.resolve("stderr.txt"), o.err());
          Files.writeString(kept.resolve(COMPLETE), "");
        }
        shared = new SampleRun(dir, new Outcome(0, Files.readString(kept.resolve("stdout.txt")),
            Files.readString(kept.resolve("stderr.txt"))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /**
   * SHA-256 of the options, the POM, the checkout's path, the sample corpus's files, this class and the test session's,
   * and framelens's compiled classes and resources (target/classes in the unit tests' JVM, the jar in the integration
   * tests': the same entries, META-INF aside).
   */
  private static String key() throws IOException {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      java.security.MessageDigest part = java.security.MessageDigest.getInstance("SHA-256");
      java.util.SortedMap<String, byte[]> parts = new java.util.TreeMap<>();
      parts.put("options", String.join(" ", OPTIONS).getBytes(StandardCharsets.UTF_8));
      parts.put("pom.xml", Files.readAllBytes(Path.of("pom.xml")));
      // The checkout's path: the run's tables and printout hold absolute paths (a copied checkout makes its own).
      parts.put("checkout", Path.of("").toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
      for (Class<?> c : List.of(SampleRun.class, TestSpark.class)) {   // the command line and the session it runs in
        try (var in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
          parts.put("test/" + c.getName(), in.readAllBytes());
        }
      }
      try (Stream<Path> corpus = Files.walk(Path.of("data/sample"))) {
        for (Path f : corpus.filter(Files::isRegularFile).toList()) {
          parts.put(f.toString().replace('\\', '/'), Files.readAllBytes(f));
        }
      }
      Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(code)) {
        try (Stream<Path> files = Files.walk(code)) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            parts.put("code/" + code.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
          }
        }
      } else {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(code.toFile())) {
          for (var e : java.util.Collections.list(jar.entries())) {
            if (!e.isDirectory()) {
              parts.put("code/" + e.getName(), jar.getInputStream(e).readAllBytes());
            }
          }
        }
      }
      parts.keySet().removeIf(k -> k.startsWith("code/META-INF/"));   // the jar's own manifest and Maven metadata
      for (var e : parts.entrySet()) {
        sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update(part.digest(e.getValue()));
      }
      return java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException | java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The run's command line, writing into {@code output}: what a test reruns over a copy to get the same tables. */
  public static List<String> command(Path output) {
    List<String> args = new ArrayList<>(List.of("run", "--input", "data/sample", "--output", output.toString()));
    args.addAll(List.of(OPTIONS));
    return args;
  }

  /** Runs the command line in this JVM (its session is the tests' one, left running), capturing what it prints. */
  public static Outcome cli(String... args) {
    TestSpark.get();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.execute(args);
      return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  /** The run's output folder: read it, never write to it. */
  public Path folder() {
    return folder;
  }

  /** What the run printed. */
  public Outcome outcome() {
    return outcome;
  }

  /** A copy of the whole output folder (tables, models/, graphs/, the report, the manifest) in a fresh temp folder. */
  public Path copy(String prefix) {
    return copy(folder, prefix);
  }

  /** A copy of any folder's files and subfolders in a fresh temp folder, as its subfolder "out". */
  public static Path copy(Path from, String prefix) {
    Path to = TestSpark.tempDir(prefix).resolve("out");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
  }
}
