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
 * sweeps, run once per test JVM through the command line in the shared session. A full run of the sample costs about
 * half a minute, and several test classes only read what it wrote (the Parquet contract, the printed summary, the
 * report in a browser, the gold comparisons, the reference a cluster's or a killed run's tables must equal). Nothing
 * may change {@link #folder()}: a test that reruns a stage over it works on a {@link #copy(String)}.
 */
public final class SampleRun {
  /** What a command returned and printed. */
  public record Outcome(int code, String out, String err) {}

  /** The command line's arguments after `--output DIR`. */
  public static final String[] OPTIONS = {"--iterations", "100"};

  private static SampleRun shared;

  private final Path folder;
  private final Outcome outcome;

  private SampleRun(Path folder, Outcome outcome) {
    this.folder = folder;
    this.outcome = outcome;
  }

  /** The run, made on first use; it must have succeeded. */
  public static synchronized SampleRun get() {
    if (shared == null) {
      Path dir = TestSpark.tempDir("sample-run").resolve("out");
      Outcome o = cli(command(dir).toArray(String[]::new));
      if (o.code() != 0) {
        throw new IllegalStateException("the sample run failed (" + o.code() + "):\n" + o.err());
      }
      shared = new SampleRun(dir, o);
    }
    return shared;
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
