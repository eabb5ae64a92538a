package org.framelens.terms;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.framelens.pipeline.FramelensException;
import org.framelens.Runs.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keyness on {@link ToyCorpus}: the expected values are computed here from the hand counts with the formulas of
 * Monroe, Colaresi &amp; Quinn (2008, eq. 16 and 22), Dunning (1993) and Pearson, written out independently.
 *
 * <p>Unigram counts: A = {coup 2, leaders 2, met 1, left 1, regime 1, held 1, power 1} (9), B = {government 2, held 1,
 * power 1, fell 2, coup 1, leaders 1} (8). Bigram phrases: A = {coup leaders 2, held power 1} (3), B = {held power 1,
 * coup leaders 1} (2).
 */
class DistinctiveTest {
  private static Path out;
  private static Path input;

  @BeforeAll
  static void run() {
    input = ToyCorpus.write();
    out = TestSpark.tempDir("distinctive-out");
    Runs.through("distinctive", toySettings(out));
  }

  /** The toy corpus into dir, with phrases kept from two occurrences as the counts above assume. */
  private static Settings toySettings(Path dir) {
    Settings s = Runs.settings(input.toString(), dir.toString());
    s.terms.phraseMinCount = 2;
    return s;
  }

  /** Fightin' words with the informative prior alpha_w = a0 * y_w / n: returns {delta, z}. */
  static double[] logOdds(double yi, double ni, double yj, double nj, double a0, double yw, double n) {
    double aw = a0 * yw / n;
    double delta = Math.log((yi + aw) / (ni + a0 - yi - aw)) - Math.log((yj + aw) / (nj + a0 - yj - aw));
    double var = 1 / (yi + aw) + 1 / (yj + aw);
    return new double[] {delta, delta / Math.sqrt(var)};
  }

  /** Observed 2x2 table (this term / other terms x target / reference) and its expected counts. */
  static double[][][] table(double a, double b, double n1, double n2) {
    double[][] o = {{a, b}, {n1 - a, n2 - b}};
    double[][] e = new double[2][2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        e[i][j] = (o[i][0] + o[i][1]) * (o[0][j] + o[1][j]) / (n1 + n2);
      }
    }
    return new double[][][] {o, e};
  }

  static double g2(double a, double b, double n1, double n2) {
    double[][][] t = table(a, b, n1, n2);
    double g = 0;
    for (int k = 0; k < 4; k++) {
      double o = t[0][k / 2][k % 2];
      g += o == 0 ? 0 : o * Math.log(o / t[1][k / 2][k % 2]);
    }
    return 2 * g;
  }

  static double chi2(double a, double b, double n1, double n2) {
    double[][][] t = table(a, b, n1, n2);
    double x = 0;
    for (int k = 0; k < 4; k++) {
      double d = t[0][k / 2][k % 2] - t[1][k / 2][k % 2];
      x += d * d / t[1][k / 2][k % 2];
    }
    return x;
  }

  private static Row row(Path dir, String group, String term) {
    List<Row> rows = TestSpark.get().read().parquet(dir.resolve("distinctive_terms").toString())
        .filter(col("target").equalTo(group).and(col("term").equalTo(term))).collectAsList();
    assertEquals(1, rows.size(), group + "/" + term);
    return rows.get(0);
  }

  private static void assertScores(Row r, double y, double yr, double ng, double nr, double a0, double yw, double n) {
    double[] expected = logOdds(y, ng, yr, nr, a0, yw, n);
    assertEquals((long) y, (long) r.getAs("count"));
    assertEquals((long) yr, (long) r.getAs("count_rest"));
    assertEquals(expected[0], (double) r.getAs("log_odds"), 1e-12);
    assertEquals(expected[1], (double) r.getAs("z"), 1e-12);
    assertEquals(g2(y, yr, ng, nr), (double) r.getAs("g2"), 1e-9);
    assertEquals(chi2(y, yr, ng, nr), (double) r.getAs("chi2"), 1e-9);
  }

  @Test
  void logOddsZG2AndChi2AgainstAllOthers() {
    // Default prior: a0 = the corpus size of the term's order (17 unigrams, 5 bigrams).
    assertScores(row(out, "A", "coup"), 2, 1, 9, 8, 17, 3, 17);
    assertScores(row(out, "B", "government"), 2, 0, 8, 9, 17, 2, 17);
    assertScores(row(out, "B", "held"), 1, 1, 8, 9, 17, 2, 17);
    assertScores(row(out, "A", "coup leaders"), 2, 1, 3, 2, 5, 3, 5);
    Row r = row(out, "A", "coup");
    assertEquals("outlet", r.getAs("group_by"));
    assertEquals(DistinctiveStage.ALL_OTHERS, r.getAs("reference"));
    // Hand check of one value: ln(5/21) - ln(4/21) = ln 1.25, over sqrt(1/5 + 1/4).
    assertEquals(Math.log(1.25) / Math.sqrt(0.45), (double) r.getAs("z"), 1e-12);
  }

  /**
   * Phrases kept from three occurrences leave one bigram, "coup leaders" (A 2, B 1): each group writes it and no other
   * bigram, so neither writes it more and its log-odds is 0 (the formula's odds would divide by 0, which failed the
   * stage). The unigrams score as before.
   */
  @Test
  void aTermAloneAtItsLengthHasNoLogOdds() {
    Path dir = TestSpark.tempDir("distinctive-one-phrase");
    Settings s = toySettings(dir);
    s.terms.phraseMinCount = 3;
    Runs.through("distinctive", s);
    List<Row> bigrams = TestSpark.get().read().parquet(dir.resolve("distinctive_terms").toString())
        .filter(col("n").equalTo(2)).orderBy("target").collectAsList();
    assertEquals(2, bigrams.size(), bigrams.toString());
    for (Row r : bigrams) {
      assertEquals("coup leaders", r.getAs("term"));
      assertEquals(0.0, (double) r.getAs("log_odds"), 0);
      assertEquals(0.0, (double) r.getAs("z"), 0);
    }
    assertScores(row(dir, "A", "coup"), 2, 1, 9, 8, 17, 3, 17);
  }

  @Test
  void ranksFollowZWithinEachGroup() {
    List<Row> a = TestSpark.get().read().parquet(out.resolve("distinctive_terms").toString())
        .filter(col("target").equalTo("A")).orderBy("rank").collectAsList();
    assertEquals(1, (int) a.get(0).getAs("rank"));
    for (int i = 1; i < a.size(); i++) {
      assertEquals(i + 1, (int) a.get(i).getAs("rank"));
      assertTrue((double) a.get(i - 1).getAs("z") >= (double) a.get(i).getAs("z"));
    }
    // Only terms the group uses are listed: A never says "government".
    assertEquals(0, TestSpark.get().read().parquet(out.resolve("distinctive_terms").toString())
        .filter(col("target").equalTo("A").and(col("term").equalTo("government"))).count());
  }

  @Test
  void oneGroupAgainstANamedGroupWithAFixedPrior() {
    Path dir = TestSpark.tempDir("distinctive-pair");
    Settings s = toySettings(dir);
    s.keyness.compare = "B";
    s.keyness.against = "A";
    s.keyness.priorSize = 10;
    Runs.through("distinctive", s);
    Row r = row(dir, "B", "fell");
    assertEquals("A", r.getAs("reference"));
    assertScores(r, 2, 0, 8, 9, 10, 2, 17);
    assertEquals(0, TestSpark.get().read().parquet(dir.resolve("distinctive_terms").toString())
        .filter(col("target").equalTo("A")).count());
  }

  @Test
  void groupsFromAnotherDocumentColumn() {
    Path dir = TestSpark.tempDir("distinctive-label");
    Settings s = toySettings(dir);
    s.groups.groupBy = "label";
    Runs.through("distinctive", s);
    // left = a1 + b1: coup 2, leaders 2, met, left, government 2, held, power, fell (11);
    // right = a2 + b2: regime, held, power, coup, leaders, fell (6).
    Row r = row(dir, "left", "coup");
    assertEquals("label", r.getAs("group_by"));
    assertScores(r, 2, 1, 11, 6, 17, 3, 17);
  }

  @Test
  void unknownGroupsAndASingleGroupAreClearErrors() {
    Path dir = TestSpark.tempDir("distinctive-bad");
    Settings s = Runs.settings(input.toString(), dir.toString());
    s.keyness.compare = "A";
    s.keyness.against = "Nobody";
    FramelensException e = assertThrows(FramelensException.class, () -> Runs.through("distinctive", s));
    assertTrue(e.getMessage().contains("no group 'Nobody'"), e.getMessage());
    assertFalse(dir.resolve("documents").toFile().exists(), "a failed run commits nothing");
    s.keyness.against = "A";
    e = assertThrows(FramelensException.class, () -> Runs.through("distinctive", s));
    assertEquals("--compare A --against A: two different groups", e.getMessage());
  }
}
