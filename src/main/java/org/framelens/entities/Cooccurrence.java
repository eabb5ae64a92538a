package org.framelens.entities;

import static org.apache.spark.sql.functions.*;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.framelens.output.OutputStore;
import org.framelens.pipeline.RunContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entity pairs per window, outlet and corpus, with their association scores; and the network files built from them. */
final class Cooccurrence {
  private Cooccurrence() {}

  private static final Logger LOG = LoggerFactory.getLogger(Cooccurrence.class);
  private static final int GRAPH_WRITERS = 8;

  static final List<String> WINDOWS = java.util.Arrays.stream(EntityOptions.Window.values()).map(Enum::name).toList();

  /** A document's pairs for one window kind, entities and outlet as their numbers (see {@link #numbered}). */
  private static final StructType PAIRS = new StructType()
      .add("w", DataTypes.IntegerType, false)
      .add("o", DataTypes.IntegerType, false)
      .add("a", DataTypes.IntegerType, false)
      .add("b", DataTypes.IntegerType, false)
      .add("n", DataTypes.LongType, false)
      .add("a_outlet", DataTypes.LongType, false)
      .add("b_outlet", DataTypes.LongType, false);

  /**
   * Writes the cooccurrence table and returns its row count.
   *
   * @param perDoc one row per counted document (outlet, n_sentences, n_paragraphs): the windows, also the empty ones
   * @param resolved mentions that have an entity (outlet, doc_id, sentence, paragraph, entity_id)
   */
  static long write(OutputStore out, Dataset<Row> perDoc, Dataset<Row> resolved) {
    // Windows naming each entity, per outlet and (every window lies in one document, every document in one outlet)
    // over the corpus as the outlets' sum. Kept: the numbering below and the pairs both read it.
    Dataset<Row> perOutlet = resolved.groupBy("outlet", "entity_id")
        .agg(countDistinct("doc_id", "sentence").as("os"), countDistinct("doc_id", "paragraph").as("op"),
            countDistinct("doc_id").as("od"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> perCorpus = perOutlet.groupBy("entity_id")
        .agg(array(sum("os"), sum("op"), sum("od")).as("corpus_windows"));
    // The pairs, tens of millions of rows on a large corpus, are counted with the entities and outlets as numbers:
    // four ints to hash and shuffle per row instead of four strings. Entities are numbered in their sort order, so
    // that a < b holds for the numbers exactly when it holds for the names.
    Dataset<Row> entities = numbered(perCorpus, "entity_id", "e");
    Dataset<Row> outlets = numbered(perDoc.select("outlet").distinct(), "outlet", "o");
    try {
      // One shuffle brings each document's mentions together, with the entity's window counts in the outlet; the
      // document's pairs per window are then counted in plain Java (a self-join of the windows would shuffle every
      // pair). The corpus's counts are the outlets' sums: one aggregation with two grouping sets gives both.
      Column w = col("w");
      Dataset<Row> pairs = resolved.select("outlet", "doc_id", "sentence", "paragraph", "entity_id")
          .join(perOutlet, new String[] {"outlet", "entity_id"})
          .join(entities.select("entity_id", "e"), "entity_id")
          .join(broadcast(outlets), "outlet")
          .groupBy("o", "doc_id")
          .agg(collect_list(struct(col("sentence"), col("paragraph"), col("e"), array(col("os"), col("op"), col("od"))))
              .as("m"))
          .flatMap((FlatMapFunction<Row, Row>) Cooccurrence::documentPairs, Encoders.row(PAIRS))
          .groupingSets(seq(seq(w, col("o"), col("a"), col("b")), seq(w, col("a"), col("b"))), w, col("o"), col("a"), col("b"))
          .agg(sum("n").as("count"), count(lit(1)).as("documents"), grouping_id().as("corpus"),
              max("a_outlet").as("a_outlet"), max("b_outlet").as("b_outlet"));
      Column corpus = col("corpus").notEqual(0);
      Column windowName = element_at(array(WINDOWS.stream().map(functions::lit).toArray(Column[]::new)), w.plus(1));
      Dataset<Row> named = pairs
          .join(entities.select(col("e").as("a"), col("entity_id").as("entity_a"), col("corpus_windows").as("a_corpus")), "a")
          .join(entities.select(col("e").as("b"), col("entity_id").as("entity_b"), col("corpus_windows").as("b_corpus")), "b")
          .join(broadcast(outlets), new String[] {"o"}, "left")   // the corpus rows have no outlet
          .select(windowName.as("window"), when(corpus, lit(EntitiesStage.ALL)).otherwise(col("outlet")).as("scope"),
              col("entity_a"), col("entity_b"), col("count"), col("documents"),
              when(corpus, element_at(col("a_corpus"), w.plus(1))).otherwise(col("a_outlet")).as("count_a"),
              when(corpus, element_at(col("b_corpus"), w.plus(1))).otherwise(col("b_outlet")).as("count_b"));
      Dataset<Row> windows = perDoc.groupBy("outlet")
          .agg(sum("n_sentences").as("sentence"), sum("n_paragraphs").as("paragraph"), count(lit(1)).as("document"))
          .select(col("outlet").as("scope"), expr("stack(3, 'sentence', sentence, 'paragraph', paragraph, 'document', document)")
              .as(new String[] {"window", "windows"}))
          .withColumn("windows", col("windows").cast("long"));
      // (outlets + 1) x 3 rows: broadcast, so that the pairs are not shuffled again to meet them.
      Dataset<Row> n = broadcast(windows.unionByName(windows.groupBy("window").agg(sum("windows").as("windows"))
          .withColumn("scope", lit(EntitiesStage.ALL))));
      Column k = col("count").cast("double");
      Column pmi = log(k.multiply(col("windows")).divide(col("count_a").cast("double").multiply(col("count_b"))));
      Column pab = k.divide(col("windows"));
      return out.write(EntityTables.COOCCURRENCE, named
          .join(n, new String[] {"window", "scope"})
          .withColumn("pmi", pmi)
          .withColumn("npmi", when(pab.geq(1.0), lit(1.0)).otherwise(pmi.divide(negate(log(pab)))))
          .withColumn("jaccard", k.divide(col("count_a").plus(col("count_b")).minus(col("count")))));
    } finally {
      entities.unpersist();
      outlets.unpersist();
      perOutlet.unpersist();
    }
  }

  /**
   * The rows of {@code df} numbered 0, 1, ... in the order of {@code key} (Spark's string order), as an int column
   * {@code id}; cached, because the numbering is read more than once and must not be recomputed differently. Spark
   * SQL has no distributed dense numbering (row_number over a whole table runs in one task); zipWithIndex over the
   * sorted rows is one.
   */
  static Dataset<Row> numbered(Dataset<Row> df, String key, String id) {
    Dataset<Row> sorted = df.orderBy(key);
    StructType schema = sorted.schema().add(id, DataTypes.IntegerType, false);
    JavaRDD<Row> rows = sorted.javaRDD().zipWithIndex().map(t -> {
      Object[] v = new Object[t._1().size() + 1];
      for (int i = 0; i < t._1().size(); i++) {
        v[i] = t._1().get(i);
      }
      v[v.length - 1] = Math.toIntExact(t._2());
      return RowFactory.create(v);
    });
    Dataset<Row> numbered = df.sparkSession().createDataFrame(rows, schema).persist(StorageLevel.MEMORY_AND_DISK());
    numbered.count();   // materialised, so that the joins below plan with its real size
    return numbered;
  }

  @SafeVarargs
  private static <T> scala.collection.immutable.Seq<T> seq(T... xs) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(xs)).toList();
  }

  /**
   * One document's pairs: for each window kind, each pair's number of windows naming both (a < b), with the two
   * entities' window counts in the outlet that came with their mentions. Input: o, doc_id, and the mentions as
   * (sentence, paragraph, e, [windows naming e in the outlet, per window kind]).
   */
  static Iterator<Row> documentPairs(Row doc) {
    int outlet = doc.getInt(0);
    List<Row> mentions = doc.getList(2);
    Map<Integer, List<Long>> counts = new HashMap<>();
    for (Row m : mentions) {
      counts.putIfAbsent(m.getInt(2), m.getList(3));
    }
    List<Row> out = new ArrayList<>();
    for (int k = 0; k < WINDOWS.size(); k++) {
      Map<Integer, TreeSet<Integer>> byWindow = new HashMap<>();
      for (Row m : mentions) {
        int w = k == 0 ? m.getInt(0) : k == 1 ? m.getInt(1) : 0;
        byWindow.computeIfAbsent(w, x -> new TreeSet<>()).add(m.getInt(2));
      }
      Map<Long, Long> pairs = new HashMap<>();
      for (TreeSet<Integer> ids : byWindow.values()) {
        int[] e = ids.stream().mapToInt(Integer::intValue).toArray();   // sorted: e[i] < e[j] for i < j
        for (int i = 0; i < e.length; i++) {
          for (int j = i + 1; j < e.length; j++) {
            pairs.merge((long) e[i] << 32 | e[j], 1L, Long::sum);
          }
        }
      }
      int kind = k;
      pairs.forEach((p, n) -> {
        int a = (int) (p >>> 32);
        int b = (int) (long) p;
        out.add(RowFactory.create(kind, outlet, a, b, n, counts.get(a).get(kind), counts.get(b).get(kind)));
      });
    }
    return out.iterator();
  }

  /**
   * graphs/: one GraphML and one GEXF file per scope (ALL and every outlet of {@code perDoc}, the counted documents),
   * plus index.csv. Returns the file count.
   */
  static int writeGraphs(RunContext ctx, EntityOptions o, Dataset<Row> perDoc) throws IOException {
    Dataset<Row> co = ctx.table(EntityTables.COOCCURRENCE).filter(col("window").equalTo(o.graphWindow.name()));
    Dataset<Row> top = co.withColumn("r", row_number().over(Window.partitionBy("scope")
            .orderBy(col("count").desc(), col("npmi").desc(), col("entity_a"), col("entity_b"))))
        .filter(col("r").leq(o.graphMaxEdges));
    Map<String, List<GraphWriter.Edge>> edges = new LinkedHashMap<>();
    for (Row r : top.orderBy("scope", "r").collectAsList()) {
      edges.computeIfAbsent(r.getAs("scope"), k -> new ArrayList<>()).add(new GraphWriter.Edge(r.getAs("entity_a"),
          r.getAs("entity_b"), r.getAs("count"), r.getAs("documents"), r.getAs("pmi"), r.getAs("npmi"), r.getAs("jaccard")));
    }
    Dataset<Row> ends = top.select(col("scope"), col("entity_a").as("entity_id"))
        .union(top.select(col("scope"), col("entity_b"))).distinct();
    Dataset<Row> ent = ctx.table(EntityTables.ENTITIES).select(col("entity_id"), col("canonical_name"), col("type"),
        col("mentions").as("all_mentions"));
    Dataset<Row> eo = ctx.table(EntityTables.ENTITY_OUTLETS).select(col("outlet").as("scope"), col("entity_id"),
        col("mentions").as("outlet_mentions"));
    Dataset<Row> nodeRows = ends.join(ent, "entity_id").join(eo, new String[] {"scope", "entity_id"}, "left")
        .select(col("scope"), col("entity_id"), col("canonical_name"), col("type"),
            when(col("scope").equalTo(EntitiesStage.ALL), col("all_mentions")).otherwise(col("outlet_mentions")).as("mentions"))
        .orderBy(col("scope"), col("mentions").desc(), col("entity_id"));
    Map<String, List<GraphWriter.Node>> nodes = new LinkedHashMap<>();
    for (Row r : nodeRows.collectAsList()) {
      nodes.computeIfAbsent(r.getAs("scope"), k -> new ArrayList<>()).add(new GraphWriter.Node(r.getAs("entity_id"),
          r.getAs("canonical_name"), r.getAs("type"), r.isNullAt(4) ? 0L : r.getLong(4)));
    }
    List<String> scopes = new ArrayList<>(List.of(EntitiesStage.ALL));
    scopes.addAll(perDoc.select("outlet").distinct().orderBy("outlet").as(Encoders.STRING()).collectAsList());

    // One file pair per scope, written by a few driver threads at once: on S3 or HDFS a file costs a round trip or
    // more, and a corpus has hundreds of outlets.
    Set<String> used = new HashSet<>();
    List<String> bases = new ArrayList<>();
    for (int i = 0; i < scopes.size(); i++) {
      bases.add(i == 0 ? EntitiesStage.ALL : unique("outlet-" + slug(scopes.get(i)), used));
    }
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(GRAPH_WRITERS);
    try {
      List<Future<?>> written = new ArrayList<>();
      for (int i = 0; i < scopes.size(); i++) {
        String scope = scopes.get(i);
        String base = bases.get(i);
        List<GraphWriter.Node> ns = nodes.getOrDefault(scope, List.of());
        List<GraphWriter.Edge> es = edges.getOrDefault(scope, List.of());
        String description = String.format(Locale.ROOT,
            "framelens entity co-occurrence, scope %s, window %s, the %d most frequent pairs of %s (run %s)",
            scope, o.graphWindow, o.graphMaxEdges, scope, ctx.runId);
        written.add(pool.submit(() -> {
          try (OutputStream f = ctx.out.createStagedFile(EntitiesStage.GRAPHS, base + ".graphml")) {
            GraphWriter.graphml(f, description, ns, es);
          }
          try (OutputStream f = ctx.out.createStagedFile(EntitiesStage.GRAPHS, base + ".gexf")) {
            GraphWriter.gexf(f, description, ns, es);
          }
          return null;
        }));
      }
      for (Future<?> f : written) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the graph files", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    try (OutputStream index = ctx.out.createStagedFile(EntitiesStage.GRAPHS, "index.csv")) {
      CsvWriterSettings cs = new CsvWriterSettings();
      cs.setQuoteEscapingEnabled(true);   // RFC 4180: a field holding a quote is quoted, its quotes doubled
      CsvWriter csv = new CsvWriter(new OutputStreamWriter(index, StandardCharsets.UTF_8), cs);
      csv.writeHeaders("graphml", "gexf", "scope", "window", "nodes", "edges");
      for (int i = 0; i < scopes.size(); i++) {
        String scope = scopes.get(i);
        csv.writeRow(bases.get(i) + ".graphml", bases.get(i) + ".gexf", scope, o.graphWindow,
            nodes.getOrDefault(scope, List.of()).size(), edges.getOrDefault(scope, List.of()).size());
      }
      csv.close();
    }
    int files = 2 * scopes.size();
    LOG.info("wrote {} graph files for {} scopes in {} s", files, scopes.size(), (System.nanoTime() - t0) / 1_000_000 / 1000.0);
    return files;
  }

  static String slug(String s) {
    String f = Names.fold(s).toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < f.length() && b.length() < 60; i++) {
      char c = f.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
        b.append(c);
      } else if (b.length() > 0 && b.charAt(b.length() - 1) != '-') {
        b.append('-');
      }
    }
    while (b.length() > 0 && b.charAt(b.length() - 1) == '-') {
      b.setLength(b.length() - 1);
    }
    return b.length() == 0 ? "unnamed" : b.toString();
  }

  private static String unique(String base, Set<String> used) {
    String s = base;
    for (int k = 2; !used.add(s); k++) {
      s = base + "-" + k;
    }
    return s;
  }
}
