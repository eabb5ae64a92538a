package org.framelens.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.framelens.TestSpark;
import org.framelens.output.Column;
import org.framelens.output.FolderSpec;
import org.framelens.output.OutputSpec;
import org.framelens.output.TableSpec;
import org.framelens.report.ReportStage;
import org.junit.jupiter.api.Test;

/**
 * The contract between the pipeline and its stages, on stages made for the test (each writes a one-column table or
 * a folder, or skips itself, or fails), so that every rule is checked apart from what real stages compute: nothing
 * the user wrote is replaced, options fail before any work, a stage that cannot run is skipped with its reason
 * (and those that need it too) unless asked for, the report is committed with the tables, and the manifest says
 * how each output was made.
 */
class StageContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final TableSpec A = table("a_table");
  static final TableSpec B = table("b_table");
  static final TableSpec C = table("c_table");
  static final TableSpec D = table("d_table");
  static final FolderSpec SIDE = new FolderSpec("side", "Files of the test.", "legacy.txt");

  private static TableSpec table(String name) {
    return new TableSpec(name, 1, "A table of the test.", List.of(new Column("x", DataTypes.IntegerType, false, "A number.")));
  }

  /** A stage for the test: writes its tables (as many rows as its name is long) and folder, or skips, or fails. */
  static final class Fake implements Stage {
    final String name;
    final List<OutputSpec> requires;
    final List<OutputSpec> provides;
    String skip;
    String invalid;
    boolean fail;
    int runs;
    /** What {@link #preload} does; null: nothing. */
    Runnable preload;

    Fake(String name, List<OutputSpec> requires, List<OutputSpec> provides) {
      this.name = name;
      this.requires = requires;
      this.provides = provides;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<OutputSpec> requires() {
      return requires;
    }

    @Override
    public List<OutputSpec> provides() {
      return provides;
    }

    @Override
    public Map<String, Object> settings() {
      return Map.of(name, Map.of("setting", name + "-value"));
    }

    @Override
    public void validate(Validation v) {
      if (invalid != null) {
        v.require(false, "--" + name, invalid, "something valid");
      }
    }

    @Override
    public void preload() {
      if (preload != null) {
        preload.run();
      }
    }

    @Override
    public void run(RunContext ctx) throws IOException {
      runs++;
      for (OutputSpec need : requires) {
        if (need instanceof TableSpec t) {
          ctx.table(t).count();
        }
      }
      if (skip != null) {
        ctx.skip(skip);
      }
      if (fail) {
        throw new IllegalStateException("the stage " + name + " failed");
      }
      for (OutputSpec o : provides) {
        if (o instanceof TableSpec t) {
          List<org.apache.spark.sql.Row> rows = new ArrayList<>();
          for (int i = 0; i < name.length(); i++) {
            rows.add(RowFactory.create(i));
          }
          ctx.out.write(t, ctx.spark.createDataFrame(rows, t.schema()));
        } else if (o instanceof FolderSpec f) {
          try (OutputStream out = ctx.out.createStagedFile(f, "file.txt")) {
            out.write(name.getBytes(StandardCharsets.UTF_8));
          }
        }
      }
      ctx.count(name + "_runs", runs);
    }
  }

  private static Pipeline.Result run(Path out, List<Stage> stages, List<Stage> all, String... explicit) {
    return new Pipeline(stages, all, new LinkedHashSet<>(List.of(explicit))).run(TestSpark.get(), out.toString(), "test");
  }

  private static Pipeline.Result run(Path out, List<Stage> stages) {
    return run(out, stages, stages);
  }

  private static JsonNode manifest(Path out) throws IOException {
    return JSON.readTree(out.resolve("run_manifest.json").toFile());
  }

  /** Nothing but underscore folders of framelens's own may be left by a refused or failed run. */
  private static List<String> leftovers(Path out) throws IOException {
    if (!Files.exists(out)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(out)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("_")).toList();
    }
  }

  @Test
  void aFolderOfTheUsersNamedLikeAnOutputIsNeverReplaced() throws IOException {
    Path out = TestSpark.tempDir("contract-foreign");
    Files.createDirectories(out.resolve("a_table"));
    Files.writeString(out.resolve("a_table/mine.txt"), "my own notes");
    Fake s1 = new Fake("s1", List.of(), List.of(A));
    var e = assertThrows(FramelensException.class, () -> run(out, List.of(s1)));
    assertTrue(e.getMessage().contains("holds a_table, which framelens did not write"), e.getMessage());
    assertEquals(0, s1.runs, "refused before any work");
    assertEquals("my own notes", Files.readString(out.resolve("a_table/mine.txt")));
    assertEquals(List.of(), leftovers(out), "no lock, no staging left behind");
  }

  @Test
  void aFileOfTheUsersNamedLikeTheReportIsNeverReplaced() throws IOException {
    Path out = TestSpark.tempDir("contract-foreign-report");
    Files.createDirectories(out);
    Files.writeString(out.resolve("report.md"), "# my report\n");
    Fake s1 = new Fake("s1", List.of(), List.of(A));
    var e = assertThrows(FramelensException.class, () -> run(out, List.of(s1, new ReportStage(List.of(s1)))));
    assertTrue(e.getMessage().contains("holds report.md, which framelens did not write"), e.getMessage());
    assertEquals("# my report\n", Files.readString(out.resolve("report.md")));
    assertFalse(Files.exists(out.resolve("a_table")));
  }

  @Test
  void aStaleOutputOfTheUsersIsNotRemovedEither() throws IOException {
    Path out = TestSpark.tempDir("contract-foreign-stale");
    Fake s1 = new Fake("s1", List.of(), List.of(A));
    Fake s2 = new Fake("s2", List.of(A), List.of(SIDE));
    Files.createDirectories(out.resolve("side"));
    Files.writeString(out.resolve("side/mine.txt"), "mine");
    // Rerunning s1 alone would make side/ stale, and remove it: it is the user's, so the run is refused.
    var e = assertThrows(FramelensException.class, () -> run(out, List.of(s1), List.of(s1, s2)));
    assertTrue(e.getMessage().contains("holds side"), e.getMessage());
    assertEquals("mine", Files.readString(out.resolve("side/mine.txt")));
  }

  @Test
  void aManifestThatIsNotFramelenssIsNotReplacedNorVouchesForTheFoldersBesideIt() throws IOException {
    Path out = TestSpark.tempDir("contract-foreign-manifest");
    Files.createDirectories(out.resolve("side"));
    Files.writeString(out.resolve("side/legacy.txt"), "another tool's");
    Files.writeString(out.resolve("run_manifest.json"), "{\"run_id\": \"theirs\", \"tables\": {}}");
    Fake s1 = new Fake("s1", List.of(), List.of(SIDE));
    var e = assertThrows(FramelensException.class, () -> run(out, List.of(s1)));
    assertTrue(e.getMessage().contains("holds side, run_manifest.json, which framelens did not write"), e.getMessage());
    assertEquals("another tool's", Files.readString(out.resolve("side/legacy.txt")));
  }

  @Test
  void foldersWrittenBeforeTheMarkStayFramelenss() throws IOException {
    Path out = TestSpark.tempDir("contract-legacy");
    Fake s1 = new Fake("s1", List.of(), List.of(SIDE));
    run(out, List.of(s1));
    // As an older framelens left it: the folder without its mark, beside a run manifest without "folders".
    Files.delete(out.resolve("side/_framelens_folder.json"));
    var old = (com.fasterxml.jackson.databind.node.ObjectNode) manifest(out);
    old.remove("folders");
    Files.writeString(out.resolve("run_manifest.json"), old.toString());
    Files.deleteIfExists(out.resolve(".run_manifest.json.crc"));   // Hadoop's local checksum of the old text
    Files.writeString(out.resolve("side/legacy.txt"), "old");
    run(out, List.of(s1));
    assertFalse(Files.exists(out.resolve("side/legacy.txt")), "replaced whole");
    assertTrue(Files.exists(out.resolve("side/_framelens_folder.json")));
    assertEquals("s1", Files.readString(out.resolve("side/file.txt")));
  }

  @Test
  void badOptionsOfEveryStageFailTogetherBeforeAnyWork() {
    Path out = TestSpark.tempDir("contract-invalid").resolve("out");
    Fake s1 = new Fake("s1", List.of(), List.of(A));
    Fake s2 = new Fake("s2", List.of(A), List.of(B));
    s1.invalid = "sentense";
    s2.invalid = "-3";
    var e = assertThrows(FramelensException.class, () -> run(out, List.of(s1, s2)));
    assertEquals("--s1 sentense: something valid\n--s2 -3: something valid", e.getMessage());
    assertEquals(0, s1.runs + s2.runs);
    assertFalse(Files.exists(out), "the output folder is not even created");
  }

  @Test
  void aStageThatCannotRunIsSkippedWithItsReasonAndTheRestCommits() throws IOException {
    Path out = TestSpark.tempDir("contract-skip");
    Fake s1 = new Fake("s1", List.of(), List.of(A));
    Fake s2 = new Fake("s2", List.of(A), List.of(B));
    Fake s3 = new Fake("s3", List.of(B), List.of(C));
    Fake s4 = new Fake("s4", List.of(A), List.of(D));
    s2.skip = "one outlet only";
    List<Stage> stages = List.of(s1, s2, s3, s4);
    List<Stage> withReport = new ArrayList<>(stages);
    withReport.add(new ReportStage(stages));
    run(out, withReport);
    assertEquals(0, s3.runs, "its input was never made");
    JsonNode m = manifest(out);
    Map<String, String> status = new java.util.LinkedHashMap<>();
    m.path("stages").forEach(st -> status.put(st.path("name").asText(), st.path("status").asText()));
    assertEquals(Map.of("s1", "ran", "s2", "skipped", "s3", "skipped", "s4", "ran", "report", "ran"), status);
    assertEquals("one outlet only", m.at("/stages/1/reason").asText());
    assertEquals("its input b_table was not produced: stage s2 was skipped (one outlet only)", m.at("/stages/2/reason").asText());
    assertEquals(Set.of("a_table", "d_table"), names(m.path("tables")));
    assertTrue(Files.exists(out.resolve("a_table/_framelens_table.json")) && Files.exists(out.resolve("d_table")));
    assertFalse(Files.exists(out.resolve("b_table")) || Files.exists(out.resolve("c_table")));
    String report = Files.readString(out.resolve("report.md"));
    assertTrue(report.contains("s2: one outlet only"), report);
    assertTrue(report.contains("s3: its input b_table was not produced"), report);
  }

  @Test
  void stagesPreloadInOrderOnAThreadOfTheirOwnAndAFailedPreloadIsLeftToTheStage() throws Exception {
    Path out = TestSpark.tempDir("contract-preload");
    Fake s1 = new Fake("s1", List.of(), List.of(A));
    Fake s2 = new Fake("s2", List.of(A), List.of(B));
    List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    s1.preload = () -> {
      seen.add("s1 on " + Thread.currentThread().getName());
      throw new IllegalStateException("no model here");
    };
    s2.preload = () -> {
      seen.add("s2 on " + Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? " (daemon)" : ""));
      done.countDown();
    };
    Pipeline p = new Pipeline(List.of(s1, s2), List.of(s1, s2), Set.of());
    p.preload();
    assertTrue(done.await(30, java.util.concurrent.TimeUnit.SECONDS), "s2 preloaded after s1's preload failed");
    assertEquals(List.of("s1 on framelens-preload", "s2 on framelens-preload (daemon)"), seen);
    p.run(TestSpark.get(), out.toString(), "test");
    assertEquals(1, s1.runs);
    assertEquals(Set.of("a_table", "b_table"), names(manifest(out).path("tables")));
  }

  @Test
  void aStageAskedForThatCannotRunFailsAndNothingCommits() {
    Path out = TestSpark.tempDir("contract-explicit");
    Fake s1 = new Fake("s1", List.of(), List.of(A));
    Fake s2 = new Fake("s2", List.of(A), List.of(B));
    s2.skip = "one outlet only";
    var e = assertThrows(FramelensException.class, () -> run(out, List.of(s1, s2), List.of(s1, s2), "s2"));
    assertEquals("stage s2 cannot run: one outlet only", e.getMessage());
    assertFalse(Files.exists(out.resolve("a_table")) || Files.exists(out.resolve("run_manifest.json")));
  }

  @Test
  void theReportIsCommittedWithTheTablesAndNamesTheirRun() throws IOException {
    Path out = TestSpark.tempDir("contract-report");
    Fake s1 = new Fake("s1", List.of(), List.of(A));
    Fake after = new Fake("after", List.of(), List.of(B));
    after.fail = true;
    Pipeline.Result first = run(out, List.of(s1, new ReportStage(List.of(s1))));
    String report = Files.readString(out.resolve("report.md"));
    assertTrue(report.startsWith("# framelens report\n\n```\nframelens "), report);
    assertTrue(report.contains(" - run " + first.runId() + " (test)"), report);
    assertEquals(first.runId(), manifest(out).path("run_id").asText());
    // A run that fails once its report is written (the report staged, the commit not reached) changes nothing.
    ReportStage report2 = new ReportStage(List.of(s1));
    var e = assertThrows(IllegalStateException.class, () -> run(out, List.of(s1, report2, after), List.of(s1, report2, after)));
    assertEquals("the stage after failed", e.getMessage());
    assertEquals(1, after.runs);
    assertNotNull(report2.screen(), "the report was written before the failure");
    assertEquals(report, Files.readString(out.resolve("report.md")));
    assertEquals(first.runId(), manifest(out).path("run_id").asText());
  }

  @Test
  void aPartialRerunKeepsTheRecordOfHowEachOutputWasMade() throws IOException {
    Path out = TestSpark.tempDir("contract-provenance");
    Fake s1 = new Fake("s1", List.of(), List.of(A));
    Fake s2 = new Fake("s2", List.of(A), List.of(B, SIDE));
    List<Stage> all = List.of(s1, s2);
    String firstRun = run(out, all).runId();
    String secondRun = run(out, List.of(s2), all).runId();
    JsonNode m = manifest(out);
    assertEquals(firstRun, m.at("/tables/a_table/run_id").asText());
    assertEquals("s1", m.at("/tables/a_table/stage").asText());
    assertEquals("s1-value", m.at("/tables/a_table/settings/s1/setting").asText());
    assertEquals(secondRun, m.at("/tables/b_table/run_id").asText());
    assertEquals(secondRun, m.at("/folders/side/run_id").asText());
    assertEquals(List.of("s1", "s2"), m.findValues("name").stream().map(JsonNode::asText).toList());
    assertEquals(firstRun, m.at("/stages/0/run_id").asText(), "the earlier run's stage keeps its record");
    assertEquals(1, m.at("/counts/s1_runs").asInt(), "and its counts");
    // Rerunning s1 makes both of s2's outputs stale, the folder included: they go.
    run(out, List.of(s1), all);
    assertFalse(Files.exists(out.resolve("b_table")) || Files.exists(out.resolve("side")));
    assertEquals(Set.of("a_table"), names(manifest(out).path("tables")));
    assertEquals(Set.of(), names(manifest(out).path("folders")));
  }

  @Test
  void aStageNeedingWhatTheRunMakesStaleIsRefused() {
    Path out = TestSpark.tempDir("contract-stale-input");
    Fake s1 = new Fake("s1", List.of(), List.of(A));
    Fake s2 = new Fake("s2", List.of(A), List.of(B));
    Fake s3 = new Fake("s3", List.of(B), List.of(C));
    List<Stage> all = List.of(s1, s2, s3);
    run(out, all);
    var e = assertThrows(FramelensException.class, () -> run(out, List.of(s1, s3), all));
    assertTrue(e.getMessage().contains("stage 's3' needs 'b_table', which this run makes stale"), e.getMessage());
  }

  /** The orchestrator knows stages only through the contract: it imports none of their packages. */
  @Test
  void thePipelineImportsNoStagePackage() throws IOException {
    List<String> offending = new ArrayList<>();
    for (String pkg : List.of("pipeline", "output")) {
      try (Stream<Path> files = Files.list(Path.of("src/main/java/org/framelens", pkg))) {
        for (Path f : files.toList()) {
          for (String line : Files.readAllLines(f)) {
            if (line.matches("import (static )?org\\.framelens\\.(?!pipeline\\.|output\\.).*")) {
              offending.add(f.getFileName() + ": " + line);
            }
          }
        }
      }
    }
    assertEquals(List.of(), offending);
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new java.util.TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
