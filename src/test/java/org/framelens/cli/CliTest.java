package org.framelens.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framelens.SampleRun;
import org.framelens.SampleRun.Outcome;
import org.framelens.TestSpark;
import org.junit.jupiter.api.Test;

/** The command line as a user meets it: summary on success, one clear line on a mistake. */
class CliTest {

  private static Outcome run(String... args) {
    return SampleRun.cli(args);
  }

  @Test
  void runOnTheSampleCorpusPrintsASummaryAndWritesAReport() throws Exception {
    SampleRun sample = SampleRun.get();   // `run --input data/sample --output DIR --iterations 100`, shared
    Outcome o = sample.outcome();
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("5 read: 5 documents, 0 quarantined"), o.out());
    assertTrue(o.out().contains("Most distinctive terms per outlet"), o.out());
    assertTrue(o.out().contains("Most-named actors per outlet"), o.out());
    assertTrue(o.out().contains("Pedro Castillo ("), "the sample's most-named actor: " + o.out());
    for (String outlet : new String[] {"La Jornada", "Globetrotter", "World Socialist Web Site", "People's World", "(unknown)"}) {
      assertTrue(o.out().contains(outlet), outlet);
    }
    assertTrue(o.out().contains(sample.folder().toString()), "prints where the outputs are");
    Path dir = sample.copy("cli-run");
    String report = Files.readString(dir.resolve("report.md"));
    assertTrue(report.contains("| La Jornada | 1 |"), report);

    // Rerunning one stage rewrites the report over the whole folder, and drops what it made stale, models/ too.
    Outcome terms = run("terms", "--output", dir.toString());
    assertEquals(0, terms.code(), terms.err());
    report = Files.readString(dir.resolve("report.md"));
    assertTrue(report.contains("5 read: 5 documents") && report.contains("Most-named actors per outlet"), report);
    assertFalse(report.contains("Topics, k =") || report.contains("Most distinctive terms"), report);
    assertFalse(Files.exists(dir.resolve("models")) || Files.exists(dir.resolve("topic_models")), "stale after terms");
    var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("run_manifest.json").toFile());
    assertNotEquals(manifest.at("/tables/documents/run_id").asText(), manifest.at("/tables/doc_terms/run_id").asText(),
        "each table names the run that made it");
    assertEquals("none", manifest.at("/tables/documents/settings/analysis/stem").asText());
    assertEquals(5, manifest.at("/counts/documents").asLong(), "the ingest stage's counts stay");
  }

  /** A corpus of JSON Lines records, one per {id, outlet, author, text}. */
  private static Path corpus(String name, String[]... docs) throws Exception {
    Path dir = TestSpark.tempDir(name);
    StringBuilder lines = new StringBuilder();
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (String[] d : docs) {
      lines.append(json.writeValueAsString(java.util.Map.of("id", d[0], "outlet", d[1], "authors", d[2], "text", d[3])))
          .append('\n');
    }
    Files.writeString(dir.resolve("corpus.jsonl"), lines);
    return dir.resolve("corpus.jsonl");
  }

  private static final String[][] ONE_OUTLET = {
      {"d1", "Daily", "Ann", "The army ousted the president. Protesters filled the capital."},
      {"d2", "Daily", "Ann", "Protesters marched again. The army fired on protesters in the capital."},
      {"d3", "Daily", "Bob", "Congress named a new president. The army backed congress."}};

  @Test
  void aCorpusOfOneOutletCommitsEverythingButTheComparison() throws Exception {
    Path in = corpus("one-outlet", ONE_OUTLET);
    Path dir = TestSpark.tempDir("cli-one-outlet");
    // --top only shapes the summary: it does not ask for the distinctive stage.
    Outcome o = run("run", "--input", in.toString(), "--output", dir.toString(), "--skip", "entities", "--top", "3",
        "--iterations", "50");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("distinctive: distinctive terms compare groups, and the corpus has 1 group of outlet (Daily)"),
        o.out());
    for (String table : new String[] {"documents", "quarantine", "doc_terms", "outlet_terms", "topic_models"}) {
      assertTrue(Files.exists(dir.resolve(table).resolve("_framelens_table.json")), table);
    }
    assertFalse(Files.exists(dir.resolve("distinctive_terms")));
    var m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("run_manifest.json").toFile());
    assertEquals("skipped", m.at("/stages/2/status").asText(), m.path("stages").toString());
    // Three documents: --topic-max-df 0.5 would admit no term in at least 2 of them, so the default is lifted.
    assertEquals(1.0, m.at("/counts/topic_max_df").asDouble());
    assertTrue(Files.readString(dir.resolve("report.md")).contains("## Skipped stages"));

    // Asked for by name, the same comparison fails with its reason.
    Outcome asked = run("distinctive", "--output", dir.toString());
    assertEquals(1, asked.code());
    assertTrue(asked.err().contains("stage distinctive cannot run: distinctive terms compare groups"), asked.err());
    // ... and grouping by author, which the summary counts the same way keyness does.
    Outcome byAuthor = run("distinctive", "--output", dir.toString(), "--group-by", "author");
    assertEquals(0, byAuthor.code(), byAuthor.err());
    assertTrue(byAuthor.out().contains("  Ann [2 docs]") && byAuthor.out().contains("  Bob [1 docs]"), byAuthor.out());
  }

  @Test
  void aCorpusOfOneDocumentSkipsTopicsToo() throws Exception {
    Path in = corpus("one-doc", ONE_OUTLET[0]);
    Path dir = TestSpark.tempDir("cli-one-doc");
    Outcome o = run("run", "--input", in.toString(), "--output", dir.toString(), "--skip", "entities");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("topics: a topic model needs at least 2 documents with terms; the corpus has 1"), o.out());
    Outcome asked = run("run", "--input", in.toString(), "--output", dir.toString(), "--skip", "entities", "--k", "2");
    assertEquals(1, asked.code(), "--k is the topics stage's own option: it asks for the stage");
    assertTrue(asked.err().contains("stage topics cannot run"), asked.err());
  }

  @Test
  void aFolderOfTheUsersInTheOutputStopsTheRunBeforeAnyWork() throws Exception {
    Path dir = TestSpark.tempDir("cli-mine");
    Files.createDirectories(dir.resolve("documents"));
    Files.writeString(dir.resolve("documents/mine.txt"), "mine");
    Outcome o = run("run", "--input", "data/sample", "--output", dir.toString());
    assertEquals(1, o.code());
    assertTrue(o.err().contains("holds documents, which framelens did not write"), o.err());
    assertEquals("mine", Files.readString(dir.resolve("documents/mine.txt")));
    try (var files = Files.list(dir)) {
      assertEquals(List.of("documents"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void badOptionValuesFailBeforeAnyWorkNamingTheValidOnes() throws Exception {
    Path dir = TestSpark.tempDir("cli-typo").resolve("out");
    Outcome typo = run("run", "--input", "data/sample", "--output", dir.toString(), "--graph-window", "sentense");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("--graph-window") && typo.err().contains("sentense")
        && typo.err().contains("sentence, paragraph, document"), typo.err());
    Outcome optimizer = run("run", "--input", "data/sample", "--output", dir.toString(), "--optimizer", "vb");
    assertEquals(2, optimizer.code());
    assertTrue(optimizer.err().contains("gibbs, online, em"), optimizer.err());
    Outcome range = run("run", "--input", "data/sample", "--output", dir.toString(), "--alias-dominance", "2",
        "--topic-max-df", "0", "--sweeps-per-merge", "0");
    assertEquals(1, range.code());
    assertTrue(range.err().contains("--alias-dominance 2.0: a share above 0.5 and at most 1")
        && range.err().contains("--topic-max-df 0.0: a share of the documents")
        && range.err().contains("--sweeps-per-merge 0: at least 1"), range.err());
    Path actors = TestSpark.tempDir("cli-actors").resolve("actors.csv");
    Files.writeString(actors, "name,kind\nPedro Castillo,PERSON\n");
    Outcome dictionary = run("run", "--input", "data/sample", "--output", dir.toString(), "--actors", actors.toString());
    assertEquals(1, dictionary.code());
    assertTrue(dictionary.err().contains("canonical_name"), dictionary.err());
    Outcome same = run("run", "--input", "data/sample", "--output", "data/sample/");
    assertEquals(1, same.code());
    assertTrue(same.err().contains("is the --input folder"), same.err());
    Outcome missing = run("run", "--input", "data/sample", "--output", dir.toString(), "--actors", actors + ".gone");
    assertEquals(1, missing.code());
    assertFalse(Files.exists(dir), "nothing was written, the folder not even created");
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
    assertTrue(skip.err().contains("--skip entitties: no such stage (stages: ingest, terms, distinctive, topics, entities, quotes, events)"),
        skip.err());

    Outcome usage = run("run", "--no-such-option");
    assertEquals(2, usage.code());
  }
}
