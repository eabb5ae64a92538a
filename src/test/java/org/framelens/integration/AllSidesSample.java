package org.framelens.integration;

import java.nio.file.Files;
import java.nio.file.Path;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.framelens.Runs.Settings;

/**
 * The local-mode run on ../shared's 2,000 AllSides articles with the shipped outlet aliases, every stage but
 * entities (minutes of NER here: bench/entities measures it), made once per test JVM for AllSidesSampleIT to check;
 * StandaloneClusterIT runs its settings on a slice of the corpus. Read it, never write into it.
 */
public final class AllSidesSample {
  private AllSidesSample() {}

  public static final String ALIASES = "data/allsides-outlet-aliases.csv";
  private static Path run;

  /** The corpus, or null when ../shared is absent. */
  public static Path input() {
    Path shared = TestSpark.shared();
    Path p = shared == null ? null : shared.resolve("corpora/allsides/sample-2000.jsonl");
    return p != null && Files.exists(p) ? p : null;
  }

  public static synchronized Path localRun() {
    if (run == null) {
      Path out = TestSpark.tempDir("allsides-2000").resolve("out");
      Runs.allBut("entities", settings(out));
      run = out;
    }
    return run;
  }

  public static Settings settings(Path out) {
    Settings s = Runs.settings(input().toString(), out.toString());
    s.ingest.outletAliases = Path.of(ALIASES).toAbsolutePath().toString();
    // Sampled over two partitions, one job per sweep, like StandaloneClusterIT's cluster run.
    s.topics.partitions = 2;
    return s;
  }
}
