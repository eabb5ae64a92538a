package org.framelens.events;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three outlets on two events a week apart, and a late article on the first event's subject. Every word is a content
 * word (no stop words, no phrases kept), so the counts below are the texts' own, and the expected scores are computed
 * here from them with Monroe et al.'s formulas, written out independently.
 */
class EventsStageTest {
  static final Map<String, String[]> DOCS = new java.util.LinkedHashMap<>();

  static {
    // id -> outlet, date, text
    DOCS.put("a1", new String[] {"Alpha", "2023-01-02", "volcano eruption iceland lava lava ash flights"});
    DOCS.put("b1", new String[] {"Beta", "2023-01-02", "volcano eruption iceland lava ash ash evacuation"});
    DOCS.put("c1", new String[] {"Gamma", "2023-01-03", "volcano eruption iceland ash flights evacuation evacuation"});
    DOCS.put("a2", new String[] {"Alpha", "2023-01-09", "bank rates inflation hike hike markets"});
    DOCS.put("b2", new String[] {"Beta", "2023-01-09", "bank rates inflation markets markets borrowers"});
    DOCS.put("c2", new String[] {"Gamma", "2023-01-10", "bank rates inflation hike borrowers borrowers"});
    DOCS.put("a3", new String[] {"Alpha", "2023-01-25", "volcano iceland tourism tourism"});
  }

  private static Path out;

  @BeforeAll
  static void run() throws Exception {
    Path dir = TestSpark.tempDir("events-in");
    StringBuilder jsonl = new StringBuilder();
    DOCS.forEach((id, d) -> jsonl.append(String.format("{\"id\":\"%s\",\"outlet\":\"%s\",\"date\":\"%s\",\"text\":\"%s\"}%n",
        id, d[0], d[1], d[2])));
    Files.writeString(dir.resolve("events.jsonl"), jsonl.toString());
    out = TestSpark.tempDir("events-out");
    Runs.Settings s = Runs.settings(dir.resolve("events.jsonl").toString(), out.toString());
    s.terms.maxNgram = 1;
    s.topics.k = List.of(2);
    Runs.these(s, "ingest", "terms", "topics", "events", "report");
  }

  private static Dataset<Row> table(String name) {
    return TestSpark.get().read().parquet(out.resolve(name).toString());
  }

  private static String eventId(String smallestDoc) throws Exception {
    byte[] h = MessageDigest.getInstance("SHA-256").digest(smallestDoc.getBytes(StandardCharsets.UTF_8));
    return "ev_" + HexFormat.of().formatHex(h).substring(0, 16);
  }

  @Test
  void theReportWritesATermAnActorAndALabelEachItsOwnWay() {
    var schema = new org.apache.spark.sql.types.StructType().add("kind", "string").add("term", "string");
    Map<String, String> names = Map.of("e7", "Pedro Castillo");
    java.util.function.BiFunction<String, String, String> shown = (kind, term) ->
        EventsStage.shown(new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(new Object[] {kind, term}, schema), names);
    assertEquals("coup regime", shown.apply("term", "coup regime"));
    assertEquals("[Pedro Castillo]", shown.apply("entity", "e7"));
    assertEquals("\u00abousted president\u00bb of Pedro Castillo", shown.apply("descriptor", "e7|ousted president"));
    assertEquals("[e9]", shown.apply("entity", "e9"), "an entity without a name is written by its id");
  }

  @Test
  void threeOutletsOnTwoEventsAWeekApartMakeTwoEventsAndTheLateArticleNone() throws Exception {
    Map<String, Set<String>> events = new TreeMap<>();
    for (Row r : table("event_documents").collectAsList()) {
      events.computeIfAbsent(r.getAs("event_id"), k -> new TreeSet<>()).add(r.getAs("doc_id"));
    }
    assertEquals(Map.of(eventId("a1"), Set.of("a1", "b1", "c1"), eventId("a2"), Set.of("a2", "b2", "c2")), events);
    Row e1 = table("events").filter(col("event_id").equalTo(eventId("a1"))).first();
    assertEquals(3, (int) e1.getAs("documents"));
    assertEquals(List.of("Alpha", "Beta", "Gamma"), e1.getList(e1.fieldIndex("outlet_names")));
    assertEquals("2023-01-02", e1.getAs("first_published").toString());
    assertEquals("2023-01-03", e1.getAs("last_published").toString());
    // Coverage: Gamma reported the first event a day after the others.
    Map<String, Integer> lag = new HashMap<>();
    for (Row r : table("event_coverage").filter(col("event_id").equalTo(eventId("a1"))).collectAsList()) {
      lag.put(r.getAs("grp"), r.getAs("lag_days"));
      assertEquals(3, (int) r.getAs("event_groups"));
    }
    assertEquals(Map.of("Alpha", 0, "Beta", 0, "Gamma", 1), lag);
  }

  /** Word counts of the documents, split on spaces. */
  private static Map<String, Long> counts(String... ids) {
    Map<String, Long> c = new TreeMap<>();
    for (String id : ids) {
      for (String w : DOCS.get(id)[2].split(" ")) {
        c.merge(w, 1L, Long::sum);
      }
    }
    return c;
  }

  private static long total(Map<String, Long> c) {
    return c.values().stream().mapToLong(Long::longValue).sum();
  }

  /** {delta, z} with alpha_w = a0 * p_w, a0 = n_i + n_j. */
  private static double[] logOdds(double yi, double ni, double yj, double nj, double pw) {
    double a0 = ni + nj;
    double aw = a0 * pw;
    double delta = Math.log((yi + aw) / (ni + a0 - yi - aw)) - Math.log((yj + aw) / (nj + a0 - yj - aw));
    return new double[] {delta, delta / Math.sqrt(1 / (yi + aw) + 1 / (yj + aw))};
  }

  @Test
  void withinEventLogOddsMatchTheFormulaOnHandCounts() throws Exception {
    // The prior: each word's share of all the event documents (a3 is in no event).
    Map<String, Long> all = counts("a1", "b1", "c1", "a2", "b2", "c2");
    double nAll = total(all);
    // Alpha on the first event alone: against Beta's and Gamma's articles of it.
    Map<String, Long> alpha1 = counts("a1");
    Map<String, Long> rest1 = counts("b1", "c1");
    // Alpha pooled over both events: against the others' articles of the same two events.
    Map<String, Long> alphaAll = counts("a1", "a2");
    Map<String, Long> restAll = counts("b1", "c1", "b2", "c2");
    Dataset<Row> terms = table("event_terms").filter(col("target").equalTo("Alpha").and(col("kind").equalTo("term")));
    int checked = 0;
    for (Row r : terms.collectAsList()) {
      String w = r.getAs("term");
      boolean pooled = r.getAs("event_id").equals(EventTables.POOLED);
      if (!pooled && !r.getAs("event_id").equals(eventId("a1"))) {
        continue;
      }
      Map<String, Long> yi = pooled ? alphaAll : alpha1;
      Map<String, Long> yj = pooled ? restAll : rest1;
      double[] expected = logOdds(yi.get(w), total(yi), yj.getOrDefault(w, 0L), total(yj), all.get(w) / nAll);
      assertEquals((long) yi.get(w), (long) r.getAs("count"), w);
      assertEquals((long) yj.getOrDefault(w, 0L), (long) r.getAs("count_rest"), w);
      assertEquals(expected[0], r.getAs("log_odds"), 1e-9, w);
      assertEquals(expected[1], r.getAs("z"), 1e-9, w);
      assertEquals(pooled ? 2 : 1, (int) r.getAs("events"), w);
      checked++;
    }
    // Every word Alpha uses in the first event (6) and in both (11), each scored once.
    assertEquals(alpha1.size() + alphaAll.size(), checked);
    // "lava" is Alpha's word within the first event: the top of its ranking there.
    Row top = terms.filter(col("event_id").equalTo(eventId("a1")).and(col("rank").equalTo(1))).first();
    assertEquals("lava", top.getAs("term"));
  }

  @Test
  void attentionCountsDatedDocumentsAndTopicSharesSumToOne() {
    Dataset<Row> a = table("attention").filter(col("grp").equalTo("Alpha"));
    Map<String, Double> docs = new TreeMap<>();
    Map<String, Double> events = new TreeMap<>();
    for (Row r : a.filter(col("measure").isin("documents", "events")).collectAsList()) {
      (r.getAs("measure").equals("documents") ? docs : events).put(r.getAs("period"), r.getAs("value"));
    }
    // 2023-01-02 is the Monday of ISO week 1 of 2023; the 25th is in week 4.
    assertEquals(Map.of("2023-W01", 1.0, "2023-W02", 1.0, "2023-W04", 1.0), docs);
    assertEquals(Map.of("2023-W01", 1.0, "2023-W02", 1.0, "2023-W04", 0.0), events);
    List<Row> sums = table("attention").filter(col("measure").equalTo("topic"))
        .groupBy("grp", "period", "k").agg(org.apache.spark.sql.functions.sum("value").as("s"),
            org.apache.spark.sql.functions.count("item").as("n")).collectAsList();
    // One row per group and week with a modelled document (ISO weeks from the dates above, by java.time).
    Set<String> expected = new TreeSet<>();
    for (Row r : table("doc_topics").select("doc_id").distinct().collectAsList()) {
      String[] d = DOCS.get(r.getString(0));
      java.time.LocalDate day = java.time.LocalDate.parse(d[1]);
      expected.add(d[0] + " " + String.format("%d-W%02d", day.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
          day.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
    }
    Set<String> found = new TreeSet<>();
    sums.forEach(r -> found.add(r.getString(0) + " " + r.getString(1)));
    assertEquals(expected, found);
    assertTrue(found.size() >= 6, found.toString());
    for (Row r : sums) {
      assertEquals(1.0, r.getDouble(3), 1e-9);
      assertEquals(2L, r.getLong(4));
    }
    assertEquals("2023-01-02", a.filter(col("period").equalTo("2023-W01")).first().getAs("period_start").toString());
  }

  @Test
  void theReportComparesWhatEachOutletCoveredAndListsPooledTerms() throws Exception {
    String report = Files.readString(out.resolve("report.md"));
    // Every outlet reported both events: no event of one is missing from another.
    for (String[] pair : new String[][] {{"Alpha", "Beta"}, {"Beta", "Gamma"}, {"Gamma", "Alpha"}}) {
      assertTrue(report.contains("| " + pair[0] + " | " + pair[1] + " | 0 |"), pair[0] + "/" + pair[1] + " in\n" + report);
    }
    assertTrue(report.contains("| Alpha | 2 |"), "Alpha's pooled row over its 2 shared events in\n" + report);
  }

  @Test
  void theFeaturesAreTermsEntitiesAndTheLabelsEachMentionCarries() {
    var spark = TestSpark.get();
    var termSchema = new org.apache.spark.sql.types.StructType().add("doc_id", "string").add("term", "string")
        .add("n", "int").add("count", "int");
    var mentionSchema = new org.apache.spark.sql.types.StructType().add("doc_id", "string").add("entity_id", "string")
        .add("descriptors", org.apache.spark.sql.types.DataTypes.createArrayType(org.apache.spark.sql.types.DataTypes.StringType));
    Dataset<Row> terms = spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create("d1", "coup", 1, 2)), termSchema);
    Dataset<Row> mentions = spark.createDataFrame(List.of(
        org.apache.spark.sql.RowFactory.create("d1", "per:dina_boluarte", List.of("coup president")),
        org.apache.spark.sql.RowFactory.create("d1", "per:dina_boluarte", List.of("coup president", "coup president")),
        org.apache.spark.sql.RowFactory.create("d1", "per:dina_boluarte", List.of()),
        org.apache.spark.sql.RowFactory.create("d1", null, List.of("president")),   // ambiguous: no entity, no label
        org.apache.spark.sql.RowFactory.create("d2", "per:pedro_castillo", List.of("former president", "teacher"))),
        mentionSchema);
    Set<String> found = new TreeSet<>();
    for (Row r : Framing.features(terms, mentions).collectAsList()) {
      found.add(r.getAs("doc_id") + " " + r.getAs("kind") + " " + r.getAs("term") + " " + r.getAs("n") + " " + r.getAs("count"));
    }
    assertEquals(new TreeSet<>(List.of("d1 term coup 1 2", "d1 entity per:dina_boluarte 1 3",
        "d1 descriptor per:dina_boluarte|coup president 1 2", "d2 entity per:pedro_castillo 1 1",
        "d2 descriptor per:pedro_castillo|former president 1 1", "d2 descriptor per:pedro_castillo|teacher 1 1")), found);
    assertEquals(Set.of("d1 term coup 1 2"), Framing.features(terms, null).collectAsList().stream()
        .map(r -> r.getAs("doc_id") + " " + r.getAs("kind") + " " + r.getAs("term") + " " + r.getAs("n") + " " + r.getAs("count"))
        .collect(java.util.stream.Collectors.toSet()));
  }
}
