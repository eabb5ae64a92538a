package org.framelens.quotes;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quotes stage in Spark on short documents from two outlets, after ingest and entities: the quotations and their
 * speakers as a reader finds them, and the outlet tables recounted here from the quotes table with plain Java.
 */
class QuotesStageTest {
  static final String A = "Daily A";
  static final String B = "Daily B";
  static final Map<String, String[]> DOCS = new LinkedHashMap<>();

  static {
    DOCS.put("a1", new String[] {A, "Pedro Castillo spoke in Lima on Monday.\n\n\"I will not resign,\" Castillo said. \"Never.\"\n\n"
        + "Protesters called the vote a \"coup\" on Tuesday."});
    DOCS.put("a2", new String[] {A, "Dina Boluarte met reporters in Lima.\n\nBoluarte claimed that the transition was lawful and orderly."});
    DOCS.put("b1", new String[] {B, "\u201cThe congress acted within the constitution,\u201d said Dina Boluarte.\n\nThe sign read \u201cNo entry\u201d at the gate."});
  }

  static Path out;

  @BeforeAll
  static void run() throws Exception {
    Path dir = TestSpark.tempDir("quotes-in");
    ObjectMapper json = new ObjectMapper();
    StringBuilder lines = new StringBuilder();
    for (var e : DOCS.entrySet()) {
      lines.append(json.writeValueAsString(Map.of("id", e.getKey(), "outlet", e.getValue()[0], "text", e.getValue()[1]))).append('\n');
    }
    Files.writeString(dir.resolve("docs.jsonl"), lines);
    out = TestSpark.tempDir("quotes-out");
    Runs.these(Runs.settings(dir.resolve("docs.jsonl").toString(), out.toString()), "ingest", "entities", "quotes");
  }

  static List<Row> table(String name) {
    return TestSpark.get().read().parquet(out.resolve(name).toString()).collectAsList();
  }

  @Test
  void everyQuotationWithItsKindVerbAndSpeaker() {
    Map<String, String> got = new TreeMap<>();
    for (Row r : TestSpark.get().read().parquet(out.resolve("quotes").toString()).orderBy(col("doc_id"), col("start")).collectAsList()) {
      String text = r.getAs("text");
      assertEquals(text, DOCS.get((String) r.getAs("doc_id"))[1].substring((int) r.getAs("start"), (int) r.getAs("end"))
          .replaceAll("^[\"\u201c]|[\"\u201d]$", ""), "offsets frame the quote, marks included");
      got.put(r.getAs("doc_id") + " " + text, String.join(" | ", r.getAs("kind"), String.valueOf(r.<String>getAs("verb")),
          String.valueOf(r.<String>getAs("speaker")), r.getAs("resolution"), String.valueOf(r.<Integer>getAs("words"))));
    }
    Map<String, String> expected = new TreeMap<>();
    expected.put("a1 I will not resign,", "direct | say | Pedro Castillo | mention | 4");
    expected.put("a1 Never.", "direct | say | Pedro Castillo | previous_quote | 1");
    expected.put("a1 coup", "partial | call | protesters | mention | 1");   // the entities stage's GROUP mention
    expected.put("a2 the transition was lawful and orderly", "indirect | claim | Dina Boluarte | mention | 6");
    expected.put("b1 The congress acted within the constitution,", "direct | say | Dina Boluarte | mention | 6");
    expected.put("b1 No entry", "partial | null | null | none | 2");
    assertEquals(expected, got);
  }

  @Test
  void theOutletTablesRecountTheQuotesWithASpeaker() {
    Map<String, long[]> byPair = new HashMap<>();
    Map<String, long[]> byOutlet = new HashMap<>();
    Map<String, Long> verbs = new HashMap<>();
    for (Row q : table("quotes")) {
      String speaker = q.getAs("speaker");
      if (speaker == null) {
        continue;
      }
      String outlet = q.getAs("outlet");
      int words = q.getAs("words");
      long[] p = byPair.computeIfAbsent(outlet + "|" + speaker, k -> new long[2]);
      p[0]++;
      p[1] += words;
      long[] o = byOutlet.computeIfAbsent(outlet, k -> new long[2]);
      o[0]++;
      o[1] += words;
      verbs.merge(outlet + "|" + speaker + "|" + q.getAs("verb"), 1L, Long::sum);
    }
    Map<String, java.util.Set<String>> outletsOf = new HashMap<>();
    byPair.keySet().forEach(k -> outletsOf.computeIfAbsent(k.substring(k.indexOf('|') + 1), x -> new java.util.HashSet<>())
        .add(k.substring(0, k.indexOf('|'))));
    List<Row> so = table("speaker_outlets");
    assertEquals(byPair.size(), so.size());
    for (Row r : so) {
      String key = r.getAs("outlet") + "|" + r.getAs("speaker");
      long[] p = byPair.get(key);
      long[] o = byOutlet.get((String) r.getAs("outlet"));
      assertEquals(p[0], (long) r.getAs("quotes"), key);
      assertEquals(p[1], (long) r.getAs("words"), key);
      assertEquals((double) p[0] / o[0], r.getAs("share_of_quotes"), 1e-12, key);
      assertEquals((double) p[1] / o[1], r.getAs("share_of_words"), 1e-12, key);
      assertEquals(outletsOf.get((String) r.getAs("speaker")).size() - 1, (long) r.getAs("other_outlets"), key);
    }
    Map<String, Long> rv = new HashMap<>();
    for (Row r : table("reporting_verbs")) {
      rv.put(r.getAs("outlet") + "|" + r.getAs("speaker") + "|" + r.getAs("verb"), r.getAs("count"));
    }
    assertEquals(verbs, rv);
    assertEquals(List.of("Daily A|Pedro Castillo|say"), new ArrayList<>(rv.entrySet().stream()
        .filter(e -> e.getValue() == 2L).map(Map.Entry::getKey).toList()), "Castillo's two quotations, both 'said'");
  }

  @Test
  void theReportNamesTheVoicesOnlyOneOutletCarries() throws Exception {
    Runs.only("report", Runs.settings(null, out.toString()));
    String md = Files.readString(out.resolve("report.md"));
    int at = md.indexOf("## Voices only one outlet carries");
    assertTrue(at >= 0, md);
    String section = md.substring(at, md.indexOf("\n## ", at + 1) < 0 ? md.length() : md.indexOf("\n## ", at + 1));
    // Castillo: twice, by Daily A only. Boluarte: by both outlets. The protesters: once.
    assertTrue(section.contains("| Daily A | Pedro Castillo (2 in 1 documents) |"), section);
    assertFalse(section.contains("Boluarte"), section);
    assertFalse(section.contains("protester"), section);
  }
}
