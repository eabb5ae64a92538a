package org.framelens.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.framelens.TestSpark;
import org.junit.jupiter.api.Test;

/** The command line as a user meets it: summary on success, one clear line on a mistake. */
class CliTest {

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    TestSpark.get();   // the CLI reuses the test JVM's session and leaves it running
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

  @Test
  void runOnTheSampleCorpusPrintsASummaryAndWritesAReport() throws Exception {
    Path dir = TestSpark.tempDir("cli-run");
    Outcome o = run("run", "--input", "data/sample", "--output", dir.toString(), "--top", "5");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("5 read: 5 documents, 0 quarantined"), o.out());
    assertTrue(o.out().contains("Most distinctive terms per outlet"), o.out());
    assertTrue(o.out().contains("Most-named actors per outlet"), o.out());
    assertTrue(o.out().contains("Pedro Castillo ("), "the sample's most-named actor: " + o.out());
    for (String outlet : new String[] {"La Jornada", "Globetrotter", "World Socialist Web Site", "People's World", "(unknown)"}) {
      assertTrue(o.out().contains(outlet), outlet);
    }
    assertTrue(o.out().contains(dir.toString()), "prints where the outputs are");
    String report = Files.readString(dir.resolve("report.md"));
    assertTrue(report.contains("| La Jornada | 1 |"), report);
  }

  @Test
  void stagesRunOneByOneOverTheSameFolder() {
    Path dir = TestSpark.tempDir("cli-stages");
    assertEquals(0, run("ingest", "--input", "data/sample", "--output", dir.toString()).code());
    assertTrue(Files.exists(dir.resolve("documents")) && !Files.exists(dir.resolve("doc_terms")));
    Outcome terms = run("terms", "--output", dir.toString(), "--max-ngram", "1");
    assertEquals(0, terms.code(), terms.err());
    assertEquals(0, TestSpark.get().read().parquet(dir.resolve("phrases").toString()).count(), "--max-ngram 1: no phrases");
    assertEquals(0, TestSpark.get().read().parquet(dir.resolve("doc_terms").toString()).filter("n > 1").count());
    Outcome distinctive = run("distinctive", "--output", dir.toString(), "--compare", "La Jornada", "--against", "Globetrotter");
    assertEquals(0, distinctive.code(), distinctive.err());
    assertTrue(distinctive.out().contains("La Jornada"), distinctive.out());
    assertEquals(1, TestSpark.get().read().parquet(dir.resolve("distinctive_terms").toString()).select("target").distinct().count());
  }

  @Test
  void mistakesGetOneClearLine() {
    Path dir = TestSpark.tempDir("cli-bad");
    Outcome noInput = run("run", "--output", dir.toString());
    assertEquals(1, noInput.code());
    assertTrue(noInput.err().startsWith("framelens: error: no input: give --input PATH"), noInput.err());
    assertFalse(noInput.err().contains("\tat "), "no stack trace");

    Outcome missing = run("ingest", "--input", dir.resolve("nowhere").toString(), "--output", dir.toString());
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("does not exist"), missing.err());

    Outcome gap = run("terms", "--output", dir.toString());
    assertEquals(1, gap.code());
    assertTrue(gap.err().contains("needs the table 'documents'") && gap.err().contains("framelens ingest"), gap.err());

    Outcome secret = run("ingest", "--input", "file://agent:s3cr3t@localhost/nowhere", "--output", dir.toString());
    assertEquals(1, secret.code());
    assertFalse(secret.err().contains("s3cr3t"), "credentials in a URI are printed: " + secret.err());
    assertTrue(secret.err().contains("file://<redacted>@localhost/nowhere"), secret.err());

    Outcome skip = run("run", "--input", "data/sample", "--output", dir.toString(), "--skip", "entitties");
    assertEquals(1, skip.code());
    assertTrue(skip.err().contains("--skip entitties: no such stage (stages: ingest, terms, distinctive, topics, entities)"),
        skip.err());

    Outcome usage = run("run", "--no-such-option");
    assertEquals(2, usage.code());
  }
}
