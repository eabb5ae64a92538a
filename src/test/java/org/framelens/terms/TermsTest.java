package org.framelens.terms;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.framelens.Runs.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Counts, tf, tf-idf and phrases on {@link ToyCorpus}, against values worked out by hand. */
class TermsTest {
  private static Path out;

  @BeforeAll
  static void run() {
    out = TestSpark.tempDir("terms-out");
    Settings s = Runs.settings(ToyCorpus.write().toString(), out.toString());
    s.terms.phraseMinCount = 2;
    Runs.ingestAndTerms(s);
  }

  private static Dataset<Row> table(String name) {
    return TestSpark.get().read().parquet(out.resolve(name).toString());
  }

  private static Row docTerm(String doc, String term) {
    List<Row> rows = table("doc_terms").filter(col("doc_id").equalTo(doc).and(col("term").equalTo(term))).collectAsList();
    assertEquals(1, rows.size(), doc + "/" + term);
    return rows.get(0);
  }

  @Test
  void phrasesAreTheCollocationsCountedByHand() {
    Map<String, Long> phrases = new HashMap<>();
    for (Row r : table("phrases").collectAsList()) {
      phrases.put(r.getAs("term"), r.getAs("count"));
      assertEquals(1.0, (double) r.getAs("npmi"), 1e-9, "words of " + r.getAs("term") + " never occur apart");
      assertEquals(2, (int) r.getAs("n"));
    }
    assertEquals(Map.of("coup leaders", 3L, "held power", 2L), phrases);
  }

  @Test
  void documentCountsTfAndTfidf() {
    // a1: coup 2 of 6 unigram terms; df(coup) = 2 (a1, b2; b3 is a duplicate); N = 4 counted documents.
    Row coup = docTerm("a1", "coup");
    assertEquals(2, (int) coup.getAs("count"));
    assertEquals(1, (int) coup.getAs("n"));
    assertEquals(2.0 / 6, (double) coup.getAs("tf"), 1e-12);
    assertEquals(2.0 / 6 * Math.log(5.0 / 3.0), (double) coup.getAs("tfidf"), 1e-12);

    Row phrase = docTerm("a1", "coup leaders");
    assertEquals(2, (int) phrase.getAs("count"));
    assertEquals(2, (int) phrase.getAs("n"));
    assertEquals(2.0 / 6 * Math.log(5.0 / 3.0), (double) phrase.getAs("tfidf"), 1e-12);

    // "regime" only in a2 (3 unigram terms): df 1.
    assertEquals(1.0 / 3 * Math.log(5.0 / 2.0), (double) docTerm("a2", "regime").getAs("tfidf"), 1e-12);
    // Stop words are never terms; the duplicate b3 has no rows.
    assertEquals(0, table("doc_terms").filter(col("term").equalTo("the")).count());
    assertEquals(0, table("doc_terms").filter(col("doc_id").equalTo("b3")).count());
    // a1: coup, leaders, met, left, coup leaders.
    assertEquals(5, table("doc_terms").filter(col("doc_id").equalTo("a1")).count());
  }

  @Test
  void outletTotalsDocumentFrequenciesAndRates() {
    Row aCoup = table("outlet_terms").filter(col("outlet").equalTo("A").and(col("term").equalTo("coup"))).first();
    assertEquals(2L, (long) aCoup.getAs("count"));
    assertEquals(1L, (long) aCoup.getAs("doc_freq"));
    assertEquals(2.0 / 9 * 1e4, (double) aCoup.getAs("rate_per_10k"), 1e-9);   // A has 6 + 3 unigram terms

    Row bHeld = table("outlet_terms").filter(col("outlet").equalTo("B").and(col("term").equalTo("held power"))).first();
    assertEquals(1L, (long) bHeld.getAs("count"));
    Row bFell = table("outlet_terms").filter(col("outlet").equalTo("B").and(col("term").equalTo("fell"))).first();
    assertEquals(2L, (long) bFell.getAs("count"));    // b1 and b2; not the duplicate b3
    assertEquals(2L, (long) bFell.getAs("doc_freq"));
  }
}
