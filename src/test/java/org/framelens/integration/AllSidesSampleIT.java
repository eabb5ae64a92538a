package org.framelens.integration;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.framelens.Runs;
import org.framelens.SampleRun;
import org.framelens.TestSpark;
import org.framelens.Runs.Settings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pipeline on 600 real AllSides articles from ../shared, with the shipped alias table
 * ({@link AllSidesSample}); then the distinctive stage alone, regrouped by the corpus's left/center/right label.
 * Skipped when ../shared is absent.
 */
class AllSidesSampleIT {
  private static Path out;
  private static Path input;

  @BeforeAll
  static void run() {
    input = AllSidesSample.input();
    Assumptions.assumeTrue(input != null,
        "../shared/corpora/allsides/sample-2000.jsonl is absent: the AllSides integration test is skipped");
    out = AllSidesSample.localRun();
  }

  private static Dataset<Row> table(String name) {
    return table(out, name);
  }

  private static Dataset<Row> table(Path folder, String name) {
    return TestSpark.get().read().parquet(folder.resolve(name).toString());
  }

  @Test
  void everyRecordIsADocumentOrQuarantined() throws IOException {
    long lines;
    try (var l = Files.lines(input)) {
      lines = l.filter(x -> !x.isBlank()).count();
    }
    assertEquals(lines, table("documents").count() + table("quarantine").count());
    assertEquals(AllSidesSample.ARTICLES, lines);
  }

  @Test
  void outletAliasesMergeOneNewsroomsNames() {
    Dataset<Row> docs = table("documents");
    assertEquals(0, docs.filter(col("outlet").equalTo("Fox Online News")).count());
    long fox = docs.filter(col("outlet").equalTo("Fox News")).count();
    long foxRaw = docs.filter(col("outlet_raw").isin("Fox News", "Fox Online News", "Fox News (Online)")).count();
    assertEquals(foxRaw, fox);
    assertTrue(docs.filter(col("outlet").equalTo("Fox News").and(col("outlet_raw").equalTo("Fox Online News"))).count() > 0);
    // The label travels in extra, for --group-by label.
    assertEquals(0, docs.filter(element_at(col("extra"), "label").isNull()).count());
  }

  @Test
  void termTablesAgreeWithEachOther() {
    // Per-outlet totals are the sums of the per-document counts.
    Row a = table("doc_terms").agg(sum("count"), countDistinct("doc_id")).first();
    Row b = table("outlet_terms").agg(sum("count")).first();
    assertEquals(a.getLong(0), b.getLong(0));
    long counted = table("documents").filter(col("duplicate_of").isNull()).count();
    assertEquals(counted, a.getLong(1));
    // Phrases found in this corpus include names and institutions.
    List<String> phrases = table("phrases").select("term").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertTrue(phrases.containsAll(List.of("white house", "supreme court", "united states")), phrases.subList(0, 20).toString());
  }

  @Test
  void theDistinctiveStageAloneRegroupsByLabel() throws IOException {
    Path copy = SampleRun.copy(out, "allsides-regrouped");   // the shared run stays as it is
    Settings s = AllSidesSample.settings(copy);
    s.groups.groupBy = "label";
    Runs.only("distinctive", s);
    Dataset<Row> dt = table(copy, "distinctive_terms");
    assertEquals(List.of("center", "left", "right"),
        dt.select("target").distinct().orderBy("target").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(1, dt.select("group_by").distinct().count());
    // The label's counts are sums over its documents: compare one term against doc_terms joined by hand.
    Row r = dt.filter(col("target").equalTo("right").and(col("rank").equalTo(1))).first();
    long byHand = table(copy, "doc_terms").join(table(copy, "documents").select(col("doc_id"), element_at(col("extra"), "label").as("label")), "doc_id")
        .filter(col("label").equalTo("right").and(col("term").equalTo(r.getAs("term"))).and(col("n").equalTo(r.getAs("n"))))
        .agg(sum("count")).first().getLong(0);
    assertEquals(byHand, (long) r.getAs("count"));
    // Tables of the earlier run are still there and still listed.
    assertTrue(Files.exists(copy.resolve("doc_terms")));
  }
}
