package org.framelens.entities;

import static org.apache.spark.sql.functions.*;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.framelens.output.Tables;
import org.framelens.pipeline.RunContext;

/** Entity pairs per window, outlet and corpus, with their association scores; and the network files built from them. */
final class Cooccurrence {
  private Cooccurrence() {}

  static final List<String> WINDOWS = List.of("sentence", "paragraph", "document");

  /**
   * @param perDoc one row per counted document (outlet, n_sentences, n_paragraphs): the windows, also the empty ones
   * @param resolved mentions that have an entity (outlet, doc_id, sentence, paragraph, entity_id)
   */
  static Dataset<Row> table(Dataset<Row> perDoc, Dataset<Row> resolved) {
    Dataset<Row> win = resolved.select(lit("sentence").as("window"), col("outlet"), col("doc_id"), col("sentence").as("w"), col("entity_id"))
        .union(resolved.select(lit("paragraph"), col("outlet"), col("doc_id"), col("paragraph"), col("entity_id")))
        .union(resolved.select(lit("document"), col("outlet"), col("doc_id"), lit(0), col("entity_id")))
        .distinct();
    Dataset<Row> windows = perDoc.groupBy("outlet")
        .agg(sum("n_sentences").as("sentence"), sum("n_paragraphs").as("paragraph"), count(lit(1)).as("document"))
        .select(col("outlet"), expr("stack(3, 'sentence', sentence, 'paragraph', paragraph, 'document', document)")
            .as(new String[] {"window", "windows"}));
    Dataset<Row> marginals = win.groupBy("window", "outlet", "entity_id").agg(count(lit(1)).as("n"));
    String[] windowKey = {"window", "outlet", "doc_id", "w"};
    Dataset<Row> pairs = win.withColumnRenamed("entity_id", "entity_a")
        .join(win.withColumnRenamed("entity_id", "entity_b"), windowKey)
        .filter(col("entity_a").lt(col("entity_b")))
        .groupBy("window", "outlet", "entity_a", "entity_b")
        .agg(count(lit(1)).as("count"), countDistinct("doc_id").as("documents"));

    // Each window and document belongs to one outlet: the corpus's counts are the outlets' sums.
    Dataset<Row> pairsAll = pairs.groupBy("window", "entity_a", "entity_b")
        .agg(sum("count").as("count"), sum("documents").as("documents")).withColumn("outlet", lit(EntitiesStage.ALL));
    Dataset<Row> marginalsAll = marginals.groupBy("window", "entity_id").agg(sum("n").as("n"))
        .withColumn("outlet", lit(EntitiesStage.ALL));
    Dataset<Row> windowsAll = windows.groupBy("window").agg(sum("windows").as("windows"))
        .withColumn("outlet", lit(EntitiesStage.ALL));

    Dataset<Row> p = pairs.unionByName(pairsAll);
    Dataset<Row> m = marginals.unionByName(marginalsAll);
    Dataset<Row> n = windows.withColumn("windows", col("windows").cast("long")).unionByName(windowsAll);
    Dataset<Row> ma = m.select(col("window"), col("outlet"), col("entity_id").as("entity_a"), col("n").as("count_a"));
    Dataset<Row> mb = m.select(col("window"), col("outlet"), col("entity_id").as("entity_b"), col("n").as("count_b"));
    Column c = col("count").cast("double");
    Column pmi = log(c.multiply(col("windows")).divide(col("count_a").cast("double").multiply(col("count_b"))));
    Column pab = c.divide(col("windows"));
    return p.join(ma, new String[] {"window", "outlet", "entity_a"})
        .join(mb, new String[] {"window", "outlet", "entity_b"})
        .join(n, new String[] {"window", "outlet"})
        .withColumn("pmi", pmi)
        .withColumn("npmi", when(pab.geq(1.0), lit(1.0)).otherwise(pmi.divide(negate(log(pab)))))
        .withColumn("jaccard", c.divide(col("count_a").plus(col("count_b")).minus(col("count"))))
        .withColumnRenamed("outlet", "scope");
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

    Set<String> used = new HashSet<>();
    int files = 0;
    try (OutputStream index = ctx.out.createStagedFile(EntitiesStage.GRAPHS, "index.csv")) {
      CsvWriterSettings cs = new CsvWriterSettings();
      cs.setQuoteEscapingEnabled(true);   // RFC 4180: a field holding a quote is quoted, its quotes doubled
      CsvWriter csv = new CsvWriter(new OutputStreamWriter(index, StandardCharsets.UTF_8), cs);
      csv.writeHeaders("graphml", "gexf", "scope", "window", "nodes", "edges");
      for (int i = 0; i < scopes.size(); i++) {
        String scope = scopes.get(i);
        String base = i == 0 ? EntitiesStage.ALL : unique("outlet-" + slug(scope), used);
        List<GraphWriter.Node> ns = nodes.getOrDefault(scope, List.of());
        List<GraphWriter.Edge> es = edges.getOrDefault(scope, List.of());
        String description = String.format(Locale.ROOT,
            "framelens entity co-occurrence, scope %s, window %s, the %d most frequent pairs of %s (run %s)",
            scope, o.graphWindow, o.graphMaxEdges, scope, ctx.runId);
        try (OutputStream f = ctx.out.createStagedFile(EntitiesStage.GRAPHS, base + ".graphml")) {
          GraphWriter.graphml(f, description, ns, es);
        }
        try (OutputStream f = ctx.out.createStagedFile(EntitiesStage.GRAPHS, base + ".gexf")) {
          GraphWriter.gexf(f, description, ns, es);
        }
        files += 2;
        csv.writeRow(base + ".graphml", base + ".gexf", scope, o.graphWindow, ns.size(), es.size());
      }
      csv.close();
    }
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
