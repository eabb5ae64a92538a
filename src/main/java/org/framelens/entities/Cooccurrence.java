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
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.framelens.output.OutputStore;
import org.framelens.output.Tables;
import org.framelens.pipeline.RunContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entity pairs per window, outlet and corpus, with their association scores; and the network files built from them. */
final class Cooccurrence {
  private Cooccurrence() {}

  private static final Logger LOG = LoggerFactory.getLogger(Cooccurrence.class);
  private static final int GRAPH_WRITERS = 8;

  static final List<String> WINDOWS = List.of("sentence", "paragraph", "document");

  private static final StructType PAIRS = new StructType()
      .add("window", DataTypes.StringType, false)
      .add("outlet", DataTypes.StringType, false)
      .add("entity_a", DataTypes.StringType, false)
      .add("entity_b", DataTypes.StringType, false)
      .add("n", DataTypes.LongType, false)
      .add("a_outlet", DataTypes.LongType, false)
      .add("b_outlet", DataTypes.LongType, false)
      .add("a_corpus", DataTypes.LongType, false)
      .add("b_corpus", DataTypes.LongType, false);

  /**
   * Writes the cooccurrence table and returns its row count.
   *
   * @param perDoc one row per counted document (outlet, n_sentences, n_paragraphs): the windows, also the empty ones
   * @param resolved mentions that have an entity (outlet, doc_id, sentence, paragraph, entity_id)
   */
  static long write(OutputStore out, Dataset<Row> perDoc, Dataset<Row> resolved) {
    Column window = col("window");
    Column outlet = col("outlet");
    // Windows naming each entity, per outlet and (every window lies in one document, every document in one outlet)
    // over the corpus as the outlets' sum. They ride along with the mentions into the pair rows, which is a join on
    // the mentions rather than two joins on the far more numerous pairs.
    Dataset<Row> perOutlet = resolved.groupBy("outlet", "entity_id")
        .agg(countDistinct("doc_id", "sentence").as("os"), countDistinct("doc_id", "paragraph").as("op"),
            countDistinct("doc_id").as("od"));
    Dataset<Row> perCorpus = perOutlet.groupBy("entity_id")
        .agg(sum("os").as("cs"), sum("op").as("cp"), sum("od").as("cd"));
    // One shuffle brings each document's mentions together; the document's pair counts per window are then computed
    // in plain Java (a self-join of the windows would shuffle every pair). The corpus's counts are the outlets' sums:
    // one aggregation with two grouping sets gives both.
    Dataset<Row> pairs = resolved.select("outlet", "doc_id", "sentence", "paragraph", "entity_id")
        .join(perOutlet, new String[] {"outlet", "entity_id"})
        .join(perCorpus, "entity_id")
        .groupBy("outlet", "doc_id")
        .agg(collect_list(struct(col("sentence"), col("paragraph"), col("entity_id"),
            array(col("os"), col("op"), col("od")), array(col("cs"), col("cp"), col("cd")))).as("m"))
        .flatMap((FlatMapFunction<Row, Row>) Cooccurrence::documentPairs, Encoders.row(PAIRS))
        .groupingSets(seq(seq(window, outlet, col("entity_a"), col("entity_b")), seq(window, col("entity_a"), col("entity_b"))),
            window, outlet, col("entity_a"), col("entity_b"))
        .agg(sum("n").as("count"), count(lit(1)).as("documents"), grouping_id().as("corpus"),
            max("a_outlet").as("a_outlet"), max("b_outlet").as("b_outlet"), max("a_corpus").as("a_corpus"),
            max("b_corpus").as("b_corpus"))
        .withColumn("scope", when(col("corpus").equalTo(0), col("outlet")).otherwise(lit(EntitiesStage.ALL)))
        .withColumn("count_a", when(col("corpus").equalTo(0), col("a_outlet")).otherwise(col("a_corpus")))
        .withColumn("count_b", when(col("corpus").equalTo(0), col("b_outlet")).otherwise(col("b_corpus")));
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
    return out.write(Tables.COOCCURRENCE, pairs
        .join(n, new String[] {"window", "scope"})
        .withColumn("pmi", pmi)
        .withColumn("npmi", when(pab.geq(1.0), lit(1.0)).otherwise(pmi.divide(negate(log(pab)))))
        .withColumn("jaccard", k.divide(col("count_a").plus(col("count_b")).minus(col("count")))));
  }

  @SafeVarargs
  private static <T> scala.collection.immutable.Seq<T> seq(T... xs) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(xs)).toList();
  }

  /**
   * One document's pairs: for each window kind, each pair's number of windows naming both (entity_a < entity_b), with
   * the two entities' window counts in the outlet and the corpus that came with their mentions.
   */
  static Iterator<Row> documentPairs(Row doc) {
    String outlet = doc.getString(0);
    List<Row> mentions = doc.getList(2);
    Map<String, Row> counts = new HashMap<>();
    for (Row m : mentions) {
      counts.putIfAbsent(m.getString(2), m);
    }
    List<Row> out = new ArrayList<>();
    for (int k = 0; k < WINDOWS.size(); k++) {
      Map<Integer, TreeSet<String>> byWindow = new HashMap<>();
      for (Row m : mentions) {
        int w = k == 0 ? m.getInt(0) : k == 1 ? m.getInt(1) : 0;
        byWindow.computeIfAbsent(w, x -> new TreeSet<>()).add(m.getString(2));
      }
      Map<String, Long> pairs = new HashMap<>();
      for (TreeSet<String> ids : byWindow.values()) {
        String[] a = ids.toArray(new String[0]);   // sorted: a[i] < a[j] for i < j
        for (int i = 0; i < a.length; i++) {
          for (int j = i + 1; j < a.length; j++) {
            pairs.merge(a[i] + '\u0000' + a[j], 1L, Long::sum);
          }
        }
      }
      String window = WINDOWS.get(k);
      int kind = k;
      pairs.forEach((p, n) -> {
        int cut = p.indexOf('\u0000');
        Row a = counts.get(p.substring(0, cut));
        Row b = counts.get(p.substring(cut + 1));
        out.add(RowFactory.create(window, outlet, a.getString(2), b.getString(2), n,
            a.<Long>getList(3).get(kind), b.<Long>getList(3).get(kind), a.<Long>getList(4).get(kind), b.<Long>getList(4).get(kind)));
      });
    }
    return out.iterator();
  }

  /** graphs/: one GraphML and one GEXF file per scope (ALL and every outlet), plus index.csv. Returns the file count. */
  static int writeGraphs(RunContext ctx, EntityOptions o) throws IOException {
    Dataset<Row> co = ctx.table(Tables.COOCCURRENCE).filter(col("window").equalTo(o.graphWindow));
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
    Dataset<Row> ent = ctx.table(Tables.ENTITIES).select(col("entity_id"), col("canonical_name"), col("type"),
        col("mentions").as("all_mentions"));
    Dataset<Row> eo = ctx.table(Tables.ENTITY_OUTLETS).select(col("outlet").as("scope"), col("entity_id"),
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
    scopes.addAll(ctx.table(Tables.DOCUMENTS).filter(col("duplicate_of").isNull()).select("outlet").distinct()
        .orderBy("outlet").as(Encoders.STRING()).collectAsList());

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
