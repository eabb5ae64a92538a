package org.framelens.topics;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.framelens.Runs.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Planted topics: outlet P writes only from a politics vocabulary, outlet W only from a weather vocabulary, outlet M
 * half and half. Every optimizer must put P's and W's documents in different topics.
 */
class TopicsTest {
  static final List<String> POLITICS = List.of("ballot", "senate", "candidate", "campaign", "congress", "governor",
      "parliament", "minister", "coalition", "referendum", "legislature", "caucus");
  static final List<String> WEATHER = List.of("storm", "rainfall", "flood", "hurricane", "drought", "forecast",
      "snowfall", "humidity", "thunder", "tornado", "monsoon", "heatwave");
  private static Path input;
  private static Path out;

  @BeforeAll
  static void run() throws IOException {
    input = TestSpark.tempDir("topics-in").resolve("planted.jsonl");
    Random r = new Random(42);
    StringBuilder jsonl = new StringBuilder();
    for (int d = 0; d < 50; d++) {
      String outlet = d < 20 ? "P" : d < 40 ? "W" : "M";
      List<String> words = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        List<String> from = outlet.equals("P") ? POLITICS : outlet.equals("W") ? WEATHER : i % 2 == 0 ? POLITICS : WEATHER;
        words.add(from.get(r.nextInt(from.size())));
      }
      jsonl.append(String.format("{\"id\":\"%s%02d\",\"outlet\":\"%s\",\"text\":\"%s.\"}%n", outlet, d, outlet,
          String.join(" ", words)));
    }
    Files.writeString(input, jsonl);
    out = TestSpark.tempDir("topics-out");
    Settings s = settings(out);
    s.topics.k = List.of(2, 3);
    Runs.these(s, "ingest", "terms", "topics");
  }

  private static Settings settings(Path output) {
    Settings s = Runs.settings(input.toString(), output.toString());
    s.topics.iterations = 200;
    s.topics.burnIn = 50;
    s.topics.bootstrap = 300;
    s.topics.maxDf = 0.9;   // a politics word is in up to 60% of the documents (P's and M's)
    return s;
  }

  private static Dataset<Row> table(Path dir, String name) {
    return TestSpark.get().read().parquet(dir.resolve(name).toString());
  }

  /** doc_id -> its heaviest topic, for one k. */
  private static Map<String, Integer> mainTopics(Path dir, int k) {
    Map<String, Integer> main = new HashMap<>();
    Map<String, Double> best = new HashMap<>();
    for (Row row : table(dir, "doc_topics").filter(col("k").equalTo(k)).collectAsList()) {
      String id = row.getAs("doc_id");
      double w = row.getAs("weight");
      if (w > best.getOrDefault(id, -1.0)) {
        best.put(id, w);
        main.put(id, row.getAs("topic"));
      }
    }
    return main;
  }

  /** With k = 2 P and W each get one topic; with more topics a vocabulary may split, but never shares a topic. */
  private static void assertPlantedTopicsRecovered(Path dir, int k) {
    Map<String, Integer> main = mainTopics(dir, k);
    assertEquals(50, main.size());
    Set<Integer> p = new HashSet<>();
    Set<Integer> w = new HashSet<>();
    main.forEach((id, t) -> (id.startsWith("P") ? p : id.startsWith("W") ? w : new HashSet<Integer>()).add(t));
    if (k == 2) {
      assertEquals(1, p.size(), "all of P's documents share one topic: " + main);
      assertEquals(1, w.size(), "all of W's documents share one topic: " + main);
    }
    Set<Integer> shared = new HashSet<>(p);
    shared.retainAll(w);
    assertEquals(Set.of(), shared, "P and W end in different topics: " + main);
    // a document's weights sum to 1
    for (Row row : table(dir, "doc_topics").filter(col("k").equalTo(k)).groupBy("doc_id").agg(sum("weight"), count(lit(1)))
        .collectAsList()) {
      assertEquals(1.0, row.getDouble(1), 1e-9, row.getString(0));
      assertEquals(k, row.getLong(2));
    }
  }

  @Test
  void gibbsRecoversThePlantedTopicsForEveryK() {
    assertPlantedTopicsRecovered(out, 2);
    assertPlantedTopicsRecovered(out, 3);
    List<Row> models = table(out, "topic_models").orderBy("k").collectAsList();
    assertEquals(List.of(2, 3), models.stream().map(m -> (int) m.getAs("k")).toList());
    for (Row m : models) {
      assertEquals("gibbs", m.getAs("optimizer"));
      assertEquals(50L, (long) m.getAs("documents"));
      assertEquals(800L, (long) m.getAs("tokens"));
      assertEquals(24, (int) m.getAs("vocabulary"));
      assertTrue(Files.isRegularFile(out.resolve((String) m.getAs("model_path")).resolve("metadata.json")));
    }
    // Top terms of P's topic are politics words only.
    int pTopic = mainTopics(out, 2).get("P00");
    List<String> top = table(out, "topic_terms").filter(col("k").equalTo(2).and(col("topic").equalTo(pTopic)))
        .orderBy("rank").select("term").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(new HashSet<>(POLITICS), new HashSet<>(top.subList(0, 12)));
  }

  @Test
  void coherenceMatchesNpmiComputedByHand() {
    // Documents containing each term, from doc_terms.
    Map<String, Set<String>> docsOf = new HashMap<>();
    for (Row row : table(out, "doc_terms").filter(col("n").equalTo(1)).collectAsList()) {
      docsOf.computeIfAbsent(row.getAs("term"), t -> new HashSet<>()).add(row.getAs("doc_id"));
    }
    double n = 50;
    for (Row q : table(out, "topic_quality").filter(col("k").equalTo(3)).collectAsList()) {
      List<String> top = table(out, "topic_terms")
          .filter(col("k").equalTo(3).and(col("topic").equalTo((int) q.getAs("topic"))).and(col("rank").leq(10)))
          .orderBy("rank").select("term").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
      double npmi = 0;
      int pairs = 0;
      for (int i = 0; i < top.size(); i++) {
        for (int j = 0; j < i; j++) {
          Set<String> both = new HashSet<>(docsOf.get(top.get(i)));
          both.retainAll(docsOf.get(top.get(j)));
          double pij = both.size() / n;
          double pi = docsOf.get(top.get(i)).size() / n;
          double pj = docsOf.get(top.get(j)).size() / n;
          npmi += both.isEmpty() ? -1 : Math.log(pij / (pi * pj)) / -Math.log(pij);
          pairs++;
        }
      }
      assertEquals(45, pairs);
      assertEquals(npmi / pairs, (double) q.getAs("npmi"), 1e-9, "topic " + q.getAs("topic"));
    }
    Row m = table(out, "topic_models").filter(col("k").equalTo(2)).first();
    assertTrue((double) m.getAs("perplexity") > 1 && (double) m.getAs("perplexity") < 24, "perplexity below the vocabulary size");
  }

  @Test
  void outletPrevalenceHasIntervalsThatSeparateTheOutlets() {
    int pTopic = mainTopics(out, 2).get("P00");
    Map<String, Row> byOutlet = new HashMap<>();
    for (Row r : table(out, "outlet_topics").filter(col("k").equalTo(2).and(col("topic").equalTo(pTopic))).collectAsList()) {
      byOutlet.put(r.getAs("outlet"), r);
    }
    assertEquals(Set.of("P", "W", "M"), byOutlet.keySet());
    Row p = byOutlet.get("P");
    assertEquals(20L, (long) p.getAs("n_docs"));
    double mean = p.getAs("mean_share");
    assertTrue((double) p.getAs("ci_low") <= mean && mean <= (double) p.getAs("ci_high"));
    assertTrue((double) p.getAs("diff_ci_low") > 0, "P covers politics more than the corpus, at 95%");
    assertTrue((double) byOutlet.get("W").getAs("diff_ci_high") < 0, "W covers it less");
    // The point estimates are plain means: P's mean share is the mean of its documents' weights.
    double byHand = table(out, "doc_topics").filter(col("k").equalTo(2).and(col("topic").equalTo(pTopic))
        .and(col("outlet").equalTo("P"))).agg(avg("weight")).first().getDouble(0);
    assertEquals(byHand, mean, 1e-12);
    double corpus = table(out, "doc_topics").filter(col("k").equalTo(2).and(col("topic").equalTo(pTopic)))
        .agg(avg("weight")).first().getDouble(0);
    assertEquals(corpus, (double) p.getAs("corpus_share"), 1e-12);
    assertEquals(mean - corpus, (double) p.getAs("diff"), 1e-12);
  }

  @Test
  void theSameSeedReproducesEveryTableAndTheSavedModelScoresNewRuns() {
    Path again = TestSpark.tempDir("topics-again");
    Settings s = settings(again);
    s.topics.k = List.of(2, 3);
    Runs.these(s, "ingest", "terms", "topics");
    for (String t : List.of("topic_terms", "doc_topics", "outlet_topics", "topic_quality")) {
      List<Row> a = table(out, t).orderBy(col("k"), col("topic")).collectAsList();
      List<Row> b = table(again, t).orderBy(col("k"), col("topic")).collectAsList();
      assertEquals(new HashSet<>(a), new HashSet<>(b), t);
    }
    // Apply the first run's saved k=2 model to the second folder: the documents keep their topics.
    Settings apply = settings(again);
    apply.topics.model = out.resolve("models/topics_k2").toString();
    Runs.only("topics", apply);
    Map<String, Integer> fitted = mainTopics(out, 2);
    Map<String, Integer> applied = mainTopics(again, 2);
    assertEquals(fitted.keySet(), applied.keySet());
    for (String id : fitted.keySet()) {
      if (!id.startsWith("M")) {   // M's documents are half and half: either topic can lead
        assertEquals(fitted.get(id), applied.get(id), id);
      }
    }
    Row m = table(again, "topic_models").first();
    assertEquals("saved", m.getAs("optimizer"));
    assertEquals(apply.topics.model, m.getAs("model_path"));
  }

  @Test
  void badSettingsAndModelFoldersAreRefusedWithAReason() {
    Settings s = settings(out);
    s.topics.model = out.resolve("documents").toString();
    var e = assertThrows(org.framelens.pipeline.FramelensException.class, () -> Runs.only("topics", s));
    assertTrue(e.getMessage().contains("is not a saved topic model"), e.getMessage());
    Settings bad = settings(out);
    bad.topics.k = List.of(1, 3, 3);
    e = assertThrows(org.framelens.pipeline.FramelensException.class, () -> Runs.only("topics", bad));
    assertTrue(e.getMessage().contains("--k 1: at least 2 topics\n--k [1, 3, 3]: each value once"), e.getMessage());
    // The refused runs left the folder's topic tables as they were.
    assertEquals(2, table(out, "topic_models").count());
  }

  @Test
  void mllibOptimizersRecoverThePlantedTopicsToo() {
    Path dir = TestSpark.tempDir("topics-mllib");
    Settings s = settings(dir);
    Runs.ingestAndTerms(s);
    for (TopicOptions.Optimizer optimizer : List.of(TopicOptions.Optimizer.online, TopicOptions.Optimizer.em)) {
      s.topics.optimizer = optimizer;
      s.topics.k = List.of(2);
      s.topics.iterations = 20;   // not the defaults (online 100, em 50): 8 already separate the planted topics
      Runs.only("topics", s);   // each over the same terms, replacing the other's tables and models
      assertPlantedTopicsRecovered(dir, 2);
      assertEquals(optimizer.name(), table(dir, "topic_models").first().getAs("optimizer"));
      assertTrue(Files.isDirectory(dir.resolve("models/topics_k2/spark_model")), "saved in Spark ML's format");
    }
  }
}
