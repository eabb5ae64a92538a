package org.framelens.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.framelens.Runs;
import org.framelens.Runs.Settings;
import org.framelens.TestSpark;

/**
 * The sample corpus with the side files a run may read from a remote store (outlet aliases, an actor dictionary,
 * extra stop words), and the local run with them that the HDFS and S3 runs must equal: made once per test JVM, as a
 * full run of the sample costs about half a minute. Read its folders, never write to them.
 */
final class SidesSample {
  private SidesSample() {}

  private static Path sides;
  private static Path local;

  /** A folder holding aliases.csv, actors.csv and stopwords.txt. */
  static synchronized Path sides() {
    if (sides == null) {
      try {
        Path dir = Files.createDirectories(TestSpark.tempDir("sides").resolve("side"));
        Files.writeString(dir.resolve("aliases.csv"), "alias,outlet\nPeoples World,People's World\nLa Jornada,La Jornada (Mexico)\n");
        Files.writeString(dir.resolve("actors.csv"), "canonical_name,type,aliases\n"
            + "Pedro Castillo,PERSON,Castillo|President Castillo\nDina Boluarte,PERSON,Boluarte|re:Dina\\s+Boluarte\n");
        Files.writeString(dir.resolve("stopwords.txt"), "# extra stop words\nperu\nsaid\n");
        sides = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sides;
  }

  /** The options of a run on {@code input} into {@code output} that reads the side files under {@code sidesRoot}. */
  static Settings settings(String input, String output, String sidesRoot) {
    Settings s = Runs.settings(input, output);
    s.ingest.outletAliases = sidesRoot + "/aliases.csv";
    s.entities.actors = sidesRoot + "/actors.csv";
    s.analysis.stopwordsFile = sidesRoot + "/stopwords.txt";
    return s;
  }

  /** The same options on the command line. */
  static java.util.List<String> options(String sidesRoot) {
    java.util.List<String> options = new java.util.ArrayList<>(java.util.List.of(org.framelens.SampleRun.OPTIONS));
    options.addAll(java.util.List.of("--outlet-aliases", sidesRoot + "/aliases.csv", "--actors", sidesRoot + "/actors.csv",
        "--stopwords", sidesRoot + "/stopwords.txt"));
    return options;
  }

  /** The local run of data/sample with the side files, every stage. */
  static synchronized Path localRun() {
    if (local == null) {
      Path out = TestSpark.tempDir("sides-local").resolve("out");
      Runs.all(settings(Path.of("data/sample").toAbsolutePath().toString(), out.toString(), sides().toString()));
      local = out;
    }
    return local;
  }
}
