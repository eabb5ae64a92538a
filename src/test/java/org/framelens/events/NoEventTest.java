package org.framelens.events;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.framelens.TestSpark;
import org.framelens.output.TableSpec;
import org.junit.jupiter.api.Test;

/**
 * A corpus in which no two documents share a word, so no pair is a candidate (as on the sample): the four event tables
 * are written empty with their contracts' columns, the manifest counts no event and no component, and attention still
 * counts every group's documents per week, with no event in any.
 */
class NoEventTest {

  @Test
  void noCandidatePairWritesEmptyEventTablesAndStillCountsAttention() throws Exception {
    String[][] docs = {   // id, outlet, date (2023-01-02 is a Monday; the 9th starts the next ISO week), text
        {"n1", "Alpha", "2023-01-02", "volcano eruption iceland lava"},
        {"n2", "Alpha", "2023-01-03", "bank rates inflation hike"},
        {"n3", "Beta", "2023-01-04", "election ballots recount senate"},
        {"n4", "Beta", "2023-01-10", "storm coast flooding harbour"},
    };
    StringBuilder jsonl = new StringBuilder();
    for (String[] d : docs) {
      jsonl.append(String.format("{\"id\":\"%s\",\"outlet\":\"%s\",\"date\":\"%s\",\"text\":\"%s\"}%n", d[0], d[1], d[2], d[3]));
    }
    Path out = EventCorpus.run("no-event", jsonl);

    JsonNode c = new ObjectMapper().readTree(out.resolve("run_manifest.json").toFile()).path("counts");
    assertEquals(4, c.path("event_corpus_documents").asLong());
    for (String zero : List.of("event_candidate_pairs", "event_components", "event_largest_component", "events",
        "event_documents", "events_across_outlets")) {
      assertEquals(0, c.path(zero).asLong(), zero);
    }
    for (TableSpec t : List.of(EventTables.EVENT_DOCUMENTS, EventTables.EVENTS, EventTables.EVENT_COVERAGE,
        EventTables.EVENT_TERMS)) {
      Dataset<Row> table = TestSpark.get().read().parquet(out.resolve(t.name()).toString());
      assertEquals(0, table.count(), t.name());
      assertEquals(List.of(t.columnNames()), List.of(table.columns()), t.name());
    }

    // Counted by hand from the documents above: Alpha has two in the first week, Beta one in each.
    Map<String, Double> expected = new TreeMap<>(Map.of(
        "Alpha 2023-W01 documents", 2.0, "Alpha 2023-W01 events", 0.0,
        "Beta 2023-W01 documents", 1.0, "Beta 2023-W01 events", 0.0,
        "Beta 2023-W02 documents", 1.0, "Beta 2023-W02 events", 0.0));
    Map<String, Double> attention = new TreeMap<>();
    for (Row r : TestSpark.get().read().parquet(out.resolve("attention").toString()).collectAsList()) {
      attention.put(r.getAs("grp") + " " + r.getAs("period") + " " + r.getAs("measure"), r.getAs("value"));
    }
    assertEquals(expected, attention);
  }
}
