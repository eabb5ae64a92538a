package org.framelens.events;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * The component bound inside the stage: EventsStageTest's corpus, whose two events are two components of three
 * documents, with --event-component-max 2. Both are split, counted as such, and each keeps a pair of its own
 * documents as an event.
 */
class ComponentBoundTest {

  @Test
  void componentsAboveTheBoundAreSplitIntoPartsOfTheirOwnDocumentsAndCounted() throws Exception {
    StringBuilder jsonl = new StringBuilder();
    EventsStageTest.DOCS.forEach((id, d) -> jsonl.append(String.format(
        "{\"id\":\"%s\",\"outlet\":\"%s\",\"date\":\"%s\",\"text\":\"%s\"}%n", id, d[0], d[1], d[2])));
    Path in = TestSpark.tempDir("bound-in").resolve("events.jsonl");
    Files.writeString(in, jsonl.toString());
    Path out = TestSpark.tempDir("bound-out");
    Runs.Settings s = Runs.settings(in.toString(), out.toString());
    s.terms.maxNgram = 1;
    s.events.componentMax = 2;
    Runs.these(s, "ingest", "terms", "events");

    JsonNode c = new ObjectMapper().readTree(out.resolve("run_manifest.json").toFile()).path("counts");
    assertEquals(2, c.path("event_components").asLong());
    assertEquals(3, c.path("event_largest_component").asLong());
    assertEquals(2, c.path("event_components_split").asLong());
    assertEquals(6, c.path("event_split_documents").asLong());

    Map<String, Set<String>> events = new TreeMap<>();
    for (Row r : TestSpark.get().read().parquet(out.resolve("event_documents").toString()).collectAsList()) {
      events.computeIfAbsent(r.getAs("event_id"), k -> new TreeSet<>()).add(r.getAs("doc_id"));
    }
    assertEquals(2, events.size(), events.toString());
    Set<Set<String>> unbounded = Set.of(Set.of("a1", "b1", "c1"), Set.of("a2", "b2", "c2"));
    Set<Set<String>> within = new HashSet<>();
    for (Set<String> e : events.values()) {
      assertEquals(2, e.size(), "a part holds at most 2 documents: " + events);
      within.add(unbounded.stream().filter(u -> u.containsAll(e)).findFirst().orElseThrow(
          () -> new AssertionError("an event mixes the two stories: " + events)));
    }
    assertEquals(unbounded, within, "each story keeps an event: " + events);
  }
}
