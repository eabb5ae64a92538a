package org.framelens.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.framelens.Runs.Settings;

/**
 * The local-mode run on the first 600 of ../shared's 2,000 AllSides articles (sample-2000.jsonl) with the shipped
 * outlet aliases, every stage but entities (minutes of NER here: bench/entities measures it), made once per test JVM.
 * AllSidesSampleIT checks it, and StandaloneClusterIT's killed-worker run of the topics stage over a copy of it must
 * give its topic tables: one local run serves both (about a minute and a half). 600 articles are enough for 100
 * sampler sweeps over two partitions to outlast the cluster test's kill. Read it, never write into it.
 */
public final class AllSidesSample {
  private AllSidesSample() {}

  public static final String ALIASES = "data/allsides-outlet-aliases.csv";
  /** The articles taken from the start of sample-2000.jsonl. */
  public static final int ARTICLES = 600;
  private static final int PARTITIONS = 2;
  private static Path slice;
  private static Path run;

  /** The slice (a JSON Lines file), written on first use, or null when ../shared is absent. */
  public static synchronized Path input() {
    Path shared = TestSpark.shared();
    Path p = shared == null ? null : shared.resolve("corpora/allsides/sample-2000.jsonl");
    if (p == null || !Files.exists(p)) {
      return null;
    }
    if (slice == null) {
      Path s = TestSpark.tempDir("allsides-slice").resolve("allsides-" + ARTICLES + ".jsonl");
      try (Stream<String> lines = Files.lines(p)) {
        Files.write(s, lines.limit(ARTICLES).toList());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      slice = s;
    }
    return slice;
  }

  public static synchronized Path localRun() {
    if (run == null) {
      Path out = TestSpark.tempDir("allsides-" + ARTICLES).resolve("out");
      Runs.allBut("entities", settings(out));
      run = out;
    }
    return run;
  }

  public static Settings settings(Path out) {
    Settings s = Runs.settings(input().toString(), out.toString());
    s.ingest.outletAliases = Path.of(ALIASES).toAbsolutePath().toString();
    // Sampled over two partitions, one job per sweep, like StandaloneClusterIT's cluster run.
    s.topics.partitions = PARTITIONS;
    return s;
  }

  /** The topics stage's settings on its subcommand's line, after --output: the test runs' 100 sweeps, two partitions. */
  public static List<String> topicOptions() {
    return List.of("--iterations", String.valueOf(Runs.settings("", "").topics.iterations), "--topic-partitions", String.valueOf(PARTITIONS));
  }
}
