package org.framelens.output;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.framelens.TestSpark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A commit cut short after every possible number of renames: until the next run opens the folder every visible
 * table is whole (the old or the new one, never a mixture inside a table), and the next run's open completes the
 * commit, so that the folder then holds exactly the new outputs.
 */
class CommitRecoveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TableSpec A = spec("a");
  private static final TableSpec B = spec("b");
  private static final TableSpec C = spec("c");   // only in the old run: invalidated by the new one

  @BeforeAll
  static void register() {
    SparkSession spark = TestSpark.get();
    spark.sparkContext().hadoopConfiguration().set("fs.crashing.impl", CrashingFileSystem.class.getName());
    spark.sparkContext().hadoopConfiguration().setBoolean("fs.crashing.impl.disable.cache", true);
  }

  // Run ids of the form OutputStore makes: the store clears only staging folders named so.
  private static final String OLD = "20260101T000000Z-000001";
  private static final String NEW = "20260101T000000Z-000002";
  private static final String NEXT = "20260101T000000Z-000003";
  private static final String FIRST = "20260101T000000Z-000004";
  private static final String SECOND = "20260101T000000Z-000005";
  private static final String THIRD = "20260101T000000Z-000006";

  @AfterEach
  void disarm() {
    CrashingFileSystem.renamesLeft = Integer.MAX_VALUE;
  }

  @Test
  void aCommitCutShortAnywhereIsCompletedByTheNextRun() throws IOException {
    int renames = -1;
    for (int budget = 0; ; budget++) {
      Path dir = TestSpark.tempDir("commit");
      String folder = CrashingFileSystem.SCHEME + "://" + dir.resolve("out");
      commitRun(folder, OLD, Map.of(A, 3, B, 3, C, 3), List.of());

      OutputStore cut = store(folder, NEW);
      cut.open();
      cut.write(A, rows(4));
      cut.write(B, rows(5));
      CrashingFileSystem.renamesLeft = budget;
      try {
        cut.commit(List.of(C.name()), "{\"run_id\": \"" + NEW + "\"}");
        renames = budget;   // the budget sufficed: every cut point before this one has been tried
      } catch (UncheckedIOException expected) {
        // killed here: no abort, no lock release
      } finally {
        CrashingFileSystem.renamesLeft = Integer.MAX_VALUE;
      }
      if (renames >= 0) {
        assertTrue(renames >= 6, "a commit of 2 tables and an invalidation takes at least 6 renames, took " + renames);
        assertFolder(dir.resolve("out"), NEW, Map.of("a", 4L, "b", 5L));
        return;
      }
      String manifestRun = manifestRun(dir.resolve("out"));
      for (Map.Entry<String, String> t : visibleTables(dir.resolve("out")).entrySet()) {
        assertTrue(t.getValue().equals(OLD) || t.getValue().equals(NEW), t.toString());
        if (manifestRun != null) {   // the manifest is present only while the folder is wholly one run's
          assertEquals(manifestRun, t.getValue(), "budget " + budget + ": " + t.getKey());
        }
      }

      Files.delete(dir.resolve("out/_framelens.lock"));   // what the dead process would have left for the next run
      OutputStore next = store(folder, NEXT);
      next.open();
      next.abort();   // nothing staged: only releases the lock
      boolean journalled = budget >= 1;   // the first rename publishes the journal
      assertFolder(dir.resolve("out"), journalled ? NEW : OLD,
          journalled ? Map.of("a", 4L, "b", 5L) : Map.of("a", 3L, "b", 3L, "c", 3L));
    }
  }

  @Test
  void aSecondRunOnTheSameFolderIsRefusedWhileTheFirstIsAlive() {
    String folder = TestSpark.tempDir("lock").resolve("out").toString();
    OutputStore first = store(folder, FIRST);
    first.open();
    RuntimeException e = assertThrows(RuntimeException.class, () -> store(folder, SECOND).open());
    assertTrue(e.getMessage().contains("another run (" + FIRST + ", pid " + ProcessHandle.current().pid()), e.getMessage());
    first.abort();
    OutputStore third = store(folder, THIRD);
    third.open();   // released
    third.abort();
  }

  private static void commitRun(String folder, String runId, Map<TableSpec, Integer> tables, List<String> invalidated) {
    OutputStore s = store(folder, runId);
    s.open();
    tables.forEach((spec, n) -> s.write(spec, rows(n)));
    s.commit(invalidated, "{\"run_id\": \"" + runId + "\"}");
  }

  /** The folder holds exactly these tables of this run, its manifest, and nothing left over. */
  private static void assertFolder(Path out, String runId, Map<String, Long> rows) throws IOException {
    assertEquals(runId, manifestRun(out));
    Map<String, String> tables = visibleTables(out);
    assertEquals(rows.keySet(), tables.keySet());
    tables.values().forEach(r -> assertEquals(runId, r));
    for (Map.Entry<String, Long> t : rows.entrySet()) {
      assertEquals(t.getValue(), TestSpark.get().read().parquet(out.resolve(t.getKey()).toString()).count());
    }
    try (Stream<Path> all = Files.list(out)) {
      assertEquals(List.of(), all.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("_")).toList(), "left over in " + out);
    }
  }

  /** Each visible table folder's run, from its sidecar (which is written last inside the table). */
  private static Map<String, String> visibleTables(Path out) throws IOException {
    Map<String, String> runs = new TreeMap<>();
    try (Stream<Path> all = Files.list(out)) {
      for (Path p : all.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("_")).toList()) {
        JsonNode side = JSON.readTree(p.resolve(OutputStore.SIDECAR).toFile());
        runs.put(p.getFileName().toString(), side.path("run_id").asText());
      }
    }
    return runs;
  }

  private static String manifestRun(Path out) throws IOException {
    Path m = out.resolve(OutputStore.MANIFEST);
    return Files.exists(m) ? JSON.readTree(m.toFile()).path("run_id").asText() : null;
  }

  private static OutputStore store(String folder, String runId) {
    return new OutputStore(TestSpark.get(), folder, runId);
  }

  private static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows(int n) {
    return TestSpark.get().range(n).toDF("id");
  }

  private static TableSpec spec(String name) {
    return new TableSpec(name, 1, "test table", List.of(new Column("id", DataTypes.LongType, false, "a number")));
  }
}
