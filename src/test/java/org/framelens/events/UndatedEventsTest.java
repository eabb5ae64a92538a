package org.framelens.events;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.framelens.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * Undated documents: two of one outlet that share its page text (a list of countries) are no event, while two of
 * different outlets on one story are.
 */
class UndatedEventsTest {

  @Test
  void undatedPagesOfOneOutletAreNoEventUndatedStoriesOfTwoOutletsAre() throws Exception {
    String page = "countries bolivia congo guinea samoa islands virgin ";
    String[][] docs = {
        {"u1", "Alpha", page + page + "pandas zoo"},
        {"u2", "Alpha", page + page + "senate budget"},
        {"u3", "Beta", "storm coast flooding evacuation rescue harbour"},
        {"u4", "Gamma", "storm coast flooding evacuation rescue shelters"},
        {"d1", "Beta", "election ballots count recount"},
        {"d2", "Gamma", "markets bank rates borrowers"},
    };
    StringBuilder jsonl = new StringBuilder();
    for (String[] d : docs) {
      String date = d[0].startsWith("d") ? "\"2023-01-02\"" : "null";
      jsonl.append(String.format("{\"id\":\"%s\",\"outlet\":\"%s\",\"date\":%s,\"text\":\"%s\"}%n", d[0], d[1], date, d[2]));
    }
    Path out = EventCorpus.run("undated", jsonl);
    Map<String, String> eventOf = new HashMap<>();
    for (Row r : TestSpark.get().read().parquet(out.resolve("event_documents").toString()).collectAsList()) {
      eventOf.put(r.getAs("doc_id"), r.getAs("event_id"));
    }
    assertNotNull(eventOf.get("u3"), "the undated storm stories of two outlets are an event: " + eventOf);
    assertEquals(eventOf.get("u3"), eventOf.get("u4"));
    assertFalse(eventOf.containsKey("u1") && eventOf.get("u1").equals(eventOf.get("u2")),
        "two undated pages of one outlet made an event: " + eventOf);
    assertEquals(List.of(), eventOf.keySet().stream().filter(id -> id.startsWith("d")).toList());
  }
}
