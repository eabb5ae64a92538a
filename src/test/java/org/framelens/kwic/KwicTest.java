package org.framelens.kwic;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.framelens.Runs;
import org.framelens.Runs.Settings;
import org.framelens.TestSpark;
import org.framelens.pipeline.FramelensException;
import org.framelens.text.AnalysisOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The concordance against occurrences counted by hand in a toy corpus analyzed with Porter stemming and accent
 * folding, where outlet "Lima Times" names itself (masked, so not counted) and "Andes Post" names it (counted):
 * <pre>
 * a1 Lima Times 2022-12-08  Protests spread across PERÚ after the coup regime took power. Lima Times reporters saw
 *                           crowds in Lima. / The coup regime denied that police protested.
 * a2 Lima Times 2022-12-09  Students were protesting in Peru. Protest after protest. The coup regime called them criminals.
 * b1 Andes Post 2022-12-07  The congress in Peru removed the president. Protesters called it a coup regime.
 * b2 Andes Post undated     In Perú the protest continued. Lima Times said nothing.
 * b3 Andes Post undated     a copy of b2: not counted, so never shown
 * </pre>
 * "protests" (stem protest): Protests, protested (a1), protesting, Protest, protest (a2), Protesters (b1), protest
 * (b2): 7. "Perú": PERÚ (a1), Peru (a2, b1), Perú (b2): 4. "coup regime": a1 twice, a2, b1: 4. "Lima": a1's "in
 * Lima" and b2's "Lima Times" (a1's "Lima Times" is its own name): 2.
 */
class KwicTest {
  private static Path out;
  private static Settings settings;

  @BeforeAll
  static void run() throws Exception {
    Path dir = TestSpark.tempDir("kwic-in");
    String jsonl = String.join("\n",
        line("a1", "Lima Times", "2022-12-08", "Protests spread across PERÚ after the coup regime took power. Lima Times reporters saw crowds in Lima.\\n\\nThe coup regime denied that police protested."),
        line("a2", "Lima Times", "2022-12-09", "Students were protesting in Peru. Protest after protest. The coup regime called them criminals."),
        line("b1", "Andes Post", "2022-12-07", "The congress in Peru removed the president. Protesters called it a coup regime."),
        line("b2", "Andes Post", null, "In Perú the protest continued. Lima Times said nothing."),
        line("b3", "Andes Post", null, "In Perú the protest continued. Lima Times said nothing.")) + "\n";
    Files.writeString(dir.resolve("in.jsonl"), jsonl);
    out = TestSpark.tempDir("kwic-out");
    settings = Runs.settings(dir.resolve("in.jsonl").toString(), out.toString());
    settings.analysis.stem = AnalysisOptions.Stemmer.porter;
    settings.terms.phraseMinCount = 2;
    Runs.ingestAndTerms(settings);
    settings.kwic.terms = List.of("protests", "Perú", "coup regime", "Lima");
    settings.kwic.window = 20;
    Runs.only("kwic", settings);
  }

  private static String line(String id, String outlet, String date, String text) {
    return "{\"id\":\"" + id + "\",\"outlet\":\"" + outlet + "\"" + (date == null ? "" : ",\"date\":\"" + date + "\"")
        + ",\"title\":\"T " + id + "\",\"text\":\"" + text + "\"}";
  }

  private static List<String> lines(String term) {
    List<String> got = new ArrayList<>();
    for (Row r : TestSpark.get().read().parquet(out.resolve("kwic").toString()).filter(col("term").equalTo(term))
        .orderBy("line").collectAsList()) {
      got.add(r.getAs("doc_id") + ":" + r.getAs("match"));
    }
    return got;
  }

  private static long docTermsCount(String term) {
    Row r = TestSpark.get().read().parquet(out.resolve("doc_terms").toString()).filter(col("term").equalTo(term))
        .agg(org.apache.spark.sql.functions.sum("count")).first();
    return r.isNullAt(0) ? 0 : r.getLong(0);
  }

  @Test
  void everyOccurrenceCountedByHandIsALineInDateOrder() {
    // b1 (Dec 7) first, then a1, a2, and the undated b2 last.
    assertEquals(List.of("b1:Protesters", "a1:Protests", "a1:protested", "a2:protesting", "a2:Protest", "a2:protest",
        "b2:protest"), lines("protests"));
    assertEquals(List.of("b1:Peru", "a1:PERÚ", "a2:Peru", "b2:Perú"), lines("Perú"));
    assertEquals(List.of("b1:coup regime", "a1:coup regime", "a1:coup regime", "a2:coup regime"), lines("coup regime"));
    assertEquals(List.of("a1:Lima", "b2:Lima"), lines("Lima"));
  }

  @Test
  void linesAreTheOccurrencesDocTermsCounts() {
    assertEquals(7, docTermsCount("protest"));
    assertEquals(4, docTermsCount("peru"));
    assertEquals(4, docTermsCount("coup regim"));
    assertEquals(2, docTermsCount("lima"));
    Row r = TestSpark.get().read().parquet(out.resolve("kwic").toString())
        .filter(col("term").equalTo("coup regime")).orderBy("line").first();
    assertEquals("coup regim", r.getAs("analyzed"));
    // b1's second sentence, "Protesters called it a coup regime.": 20 characters before the match, cut.
    assertEquals("\u2026testers called it a ", r.getAs("left"));
    assertEquals(".", r.getAs("right"));
  }

  @Test
  void thePrintedConcordanceComparesWithDocTerms() {
    var store = new org.framelens.output.OutputStore(TestSpark.get(), out.toString(), "x");
    var c = KwicStage.concordance(settings.kwic, store.previousManifest(), TestSpark.get().sparkContext().hadoopConfiguration());
    KwicOptions o = new KwicOptions();
    o.terms = List.of("protests");
    o.limit = 2;
    o.window = 20;
    o.groupBy = "outlet";
    var lines = Kwic.lines(store.readCommitted(org.framelens.corpus.CorpusTables.DOCUMENTS),
        new Concordance(Kwic.analysis(store.previousManifest()), java.util.Set.copyOf(
            org.framelens.text.StopWords.load(Kwic.analysis(store.previousManifest()), TestSpark.get().sparkContext().hadoopConfiguration())),
            o.terms), store.previousManifest(), null, "outlet", 20);
    String shown = Kwic.show(lines, store.readCommitted(org.framelens.terms.TermTables.DOC_TERMS), c, o);
    assertTrue(shown.contains("protests (as analyzed: protest): 7 occurrences in 4 documents; doc_terms counts 7\n"), shown);
    assertTrue(shown.contains("[Andes Post]") && shown.contains("[Lima Times]"), shown);
    assertEquals(4, shown.lines().filter(l -> l.contains("[protest") || l.contains("[Protest")).count(),
        "two lines for each of the two outlets:\n" + shown);
  }

  @Test
  void aTermDocTermsNeverCountsFailsBeforeAnyWork() {
    Settings s = Runs.settings("unused", out.toString());
    s.kwic.terms = List.of("the regime");
    FramelensException e = assertThrows(FramelensException.class, () -> Runs.only("kwic", s));
    assertTrue(e.getMessage().contains("--term") && e.getMessage().contains("stop word"), e.getMessage());
  }
}
