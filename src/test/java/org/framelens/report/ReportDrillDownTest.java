package org.framelens.report;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.framelens.ReportData;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.framelens.corpus.CorpusTables;
import org.framelens.kwic.Concordance;
import org.framelens.kwic.Kwic;
import org.framelens.output.OutputStore;
import org.framelens.pipeline.Chart;
import org.framelens.text.StopWords;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lines the report opens for a distinctive term are the first {@link Chart#KWIC_LINES} of the term in the group,
 * by date (undated last), then doc_id, then position, although the report reads only the documents doc_terms says
 * hold them. Alpha writes "ouster" in eight documents (a3 twice) and Beta "coup" in eight, each among sentences of
 * words drawn at random from one list, so that the two words are each outlet's most distinctive. Alpha's dates, by
 * hand: a4 (Jan 1), a5, a2, a3, a1, a6 (Jan 6), then a7 and a8 undated; its first five lines are a4, a5, a2 and a3's
 * two, and a1 is read but shows none. Each outlet has 62 more documents of random sentences alone: the report searches
 * doc_terms only when there are more counted documents than the lines it shows could come from.
 */
class ReportDrillDownTest {
  private static final String[] WORDS = ("river market garden letter window summer morning engine orchard harbor "
      + "bridge station village teacher doctor farmer lantern meadow kitchen island forest valley pencil basket "
      + "mirror saddle ladder candle blanket bottle").split(" ");
  private static final int OTHERS = 62;
  private static Path out;

  @BeforeAll
  static void run() throws Exception {
    Random random = new Random(7);
    String[] alphaDates = {"2020-01-05", "2020-01-03", "2020-01-04", "2020-01-01", "2020-01-02", "2020-01-06", null, null};
    StringBuilder jsonl = new StringBuilder();
    ObjectMapper json = new ObjectMapper();
    for (int i = 1; i <= 8; i++) {
      String alpha = filler(random) + " After the ouster the council met again. " + filler(random)
          + (i == 3 ? " Nobody expected the ouster so soon." : "");
      jsonl.append(json.writeValueAsString(doc("a" + i, "Alpha", alphaDates[i - 1], alpha))).append('\n');
      String beta = filler(random) + " After the coup the council met again. " + filler(random);
      jsonl.append(json.writeValueAsString(doc("b" + i, "Beta", "2020-02-0" + i, beta))).append('\n');
    }
    for (int i = 9; i < 9 + OTHERS; i++) {
      jsonl.append(json.writeValueAsString(doc("a" + i, "Alpha", "2020-03-01", filler(random)))).append('\n');
      jsonl.append(json.writeValueAsString(doc("b" + i, "Beta", "2020-03-01", filler(random)))).append('\n');
    }
    Path in = TestSpark.tempDir("drill-in").resolve("in.jsonl");
    Files.writeString(in, jsonl.toString());
    out = TestSpark.tempDir("drill-out");
    Runs.Settings s = Runs.settings(in.toString(), out.toString());
    s.ingest.keepTemplates = true;   // the key sentences recur in every document of their outlet: not furniture here
    s.ingest.boilerplateMinDocs = 1000;
    Runs.these(s, "ingest", "terms", "distinctive", "report");
  }

  private static Map<String, String> doc(String id, String outlet, String date, String text) {
    Map<String, String> d = new java.util.LinkedHashMap<>();
    d.put("id", id);
    d.put("outlet", outlet);
    if (date != null) {
      d.put("date", date);
    }
    d.put("title", "T " + id);
    d.put("text", text);
    return d;
  }

  /** Two sentences of eight words from WORDS: no two documents share a shingle often enough to be near-duplicates. */
  private static String filler(Random random) {
    StringBuilder b = new StringBuilder();
    for (int s = 0; s < 2; s++) {
      for (int w = 0; w < 8; w++) {
        String word = WORDS[random.nextInt(WORDS.length)];
        b.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word).append(w == 7 ? ". " : " ");
      }
    }
    return b.toString().strip();
  }

  private static JsonNode reportLines() throws Exception {
    return ReportData.kwic(out);
  }

  @Test
  void aGroupsFirstLinesOfATermComeByDateThenDocument() throws Exception {
    JsonNode ouster = reportLines().path(new Chart.Drill("outlet", "Alpha", "ouster").key());
    List<String> titles = new ArrayList<>();
    ouster.forEach(l -> titles.add(l.path("title").asText()));
    assertEquals(List.of("T a4", "T a5", "T a2", "T a3", "T a3"), titles, ouster.toString());
    assertEquals("ouster", ouster.get(4).path("match").asText());
    assertEquals(5, reportLines().path(new Chart.Drill("outlet", "Beta", "coup").key()).size());
  }

  /** Every key's lines equal a concordance over every document, the pass the report used to make. */
  @Test
  void everyKeysLinesAreThoseOfAPassOverEveryDocument() throws Exception {
    JsonNode kwic = reportLines();
    assertTrue(kwic.size() >= 2, kwic.toString());
    assertTrue(2 * (8 + OTHERS) > kwic.size() * Chart.KWIC_LINES, "enough documents for the report to search doc_terms");
    OutputStore store = new OutputStore(TestSpark.get(), out.toString(), "x");
    JsonNode manifest = store.previousManifest();
    var analysis = Kwic.analysis(manifest);
    List<String> terms = new ArrayList<>();
    for (Iterator<String> k = kwic.fieldNames(); k.hasNext(); ) {
      terms.add(k.next().split("\u0000", 2)[1]);
    }
    Concordance c = Concordance.ofAnalyzed(analysis, StopWords.load(analysis, new org.apache.hadoop.conf.Configuration()),
        terms.stream().distinct().toList());
    List<Row> all = Kwic.lines(store.readCommitted(CorpusTables.DOCUMENTS), c, manifest, null, "outlet", 80)
        .filter(org.apache.spark.sql.functions.col("line").leq(Chart.KWIC_LINES)).collectAsList();
    for (Iterator<String> k = kwic.fieldNames(); k.hasNext(); ) {
      String key = k.next();
      String[] gt = key.split("\u0000", 2);
      List<List<Object>> expected = all.stream()
          .filter(r -> gt[0].equals(r.getAs("grp")) && gt[1].equals(r.getAs("term")))
          .sorted(java.util.Comparator.comparingInt(r -> r.<Integer>getAs("line")))
          .map(r -> List.<Object>of(r.getAs("title"), r.getAs("left"), r.getAs("match"), r.getAs("right")))
          .toList();
      List<List<Object>> actual = new ArrayList<>();
      kwic.path(key).forEach(l -> actual.add(List.of(l.path("title").asText(), l.path("left").asText(),
          l.path("match").asText(), l.path("right").asText())));
      assertEquals(expected, actual, key);
    }
  }
}
