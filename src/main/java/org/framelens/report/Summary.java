package org.framelens.report;

import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.framelens.entities.ActorSummary;
import org.framelens.entities.EntitiesStage;
import org.framelens.entities.EntityOptions;
import org.framelens.output.OutputStore;
import org.framelens.output.Tables;
import org.framelens.pipeline.Pipeline;

/**
 * What a researcher reads after a run: a one-screen summary on stdout and report.md in the output folder. Reads only
 * small aggregates of the committed tables (top-ranked rows per group), never corpus-sized data.
 */
public final class Summary {
  private Summary() {}

  private static final int SCREEN_GROUPS = 12;

  public static String write(SparkSession spark, Pipeline.Result result, int top) {
    return write(spark, result, top, new EntityOptions());
  }

  public static String write(SparkSession spark, Pipeline.Result result, int top, EntityOptions entities) {
    OutputStore out = new OutputStore(spark, result.output(), result.runId());
    JsonNode m = result.manifest();
    JsonNode c = m.path("counts");
    StringBuilder head = new StringBuilder();
    head.append(String.format(Locale.ROOT, "framelens %s - run %s (%s), %s s%n", m.path("versions").path("framelens").asText(),
        result.runId(), m.path("command").asText(), totalSeconds(m)));
    if (c.has("input_records")) {
      head.append(String.format(Locale.ROOT, "Input      %s (%s, %d file(s))%n", m.path("input").path("path").asText(),
          m.path("input").path("format").asText(), m.path("input").path("n_files").asLong()));
      head.append(String.format(Locale.ROOT, "Records    %,d read: %,d documents, %,d quarantined %s%n",
          c.path("input_records").asLong(), c.path("documents").asLong(), c.path("quarantined").asLong(),
          c.path("quarantined").asLong() > 0 ? c.path("quarantine_reasons").toString() : ""));
      head.append(String.format(Locale.ROOT, "Outlets    %,d (%,d document(s) without an outlet, kept as \"%s\")%n",
          c.path("outlets").asLong(), c.path("unknown_outlet").asLong(),
          m.path("config").path("ingest").path("unknownOutlet").asText()));
      head.append(String.format(Locale.ROOT, "Cleaning   removed %,d markup characters, %,d boilerplate and %,d repeated lines; marked %,d exact duplicate(s); %,d undated%n",
          c.path("markup_chars_removed").asLong(), c.path("boilerplate_lines_removed").asLong(),
          c.path("repeated_lines_removed").asLong(), c.path("duplicates").asLong(), c.path("undated").asLong()));
      head.append(String.format(Locale.ROOT, "Tokens     %,d%n", c.path("tokens").asLong()));
    }
    if (out.isCommitted(Tables.PHRASES.name()) && c.has("phrases")) {
      List<String> phrases = out.readCommitted(Tables.PHRASES).orderBy(col("count").desc(), col("term")).limit(8)
          .select("term").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
      head.append(String.format(Locale.ROOT, "Terms      vocabulary %,d; %,d phrases kept, e.g. %s%n",
          c.path("vocabulary").asLong(), c.path("phrases").asLong(), String.join(" | ", phrases)));
    }

    StringBuilder screen = new StringBuilder(head);
    StringBuilder report = new StringBuilder("# framelens report\n\n```\n").append(head).append("```\n");
    if (out.isCommitted(Tables.DISTINCTIVE_TERMS.name())) {
      Dataset<Row> dt = out.readCommitted(Tables.DISTINCTIVE_TERMS);
      Map<String, Long> docsPerGroup = groupSizes(spark, out, m);
      Map<String, List<Row>> best = new LinkedHashMap<>();
      for (Row r : dt.filter(col("rank").leq(top)).orderBy(col("target"), col("rank")).collectAsList()) {
        best.computeIfAbsent(r.getAs("target"), g -> new ArrayList<>()).add(r);
      }
      List<String> order = new ArrayList<>(best.keySet());
      order.sort((a, b) -> Long.compare(docsPerGroup.getOrDefault(b, 0L), docsPerGroup.getOrDefault(a, 0L)) != 0
          ? Long.compare(docsPerGroup.getOrDefault(b, 0L), docsPerGroup.getOrDefault(a, 0L)) : a.compareTo(b));
      String groupBy = best.isEmpty() ? "outlet" : best.values().iterator().next().get(0).getAs("group_by");
      String reference = best.isEmpty() ? "" : best.values().iterator().next().get(0).getAs("reference");
      String title = String.format(Locale.ROOT, "Most distinctive terms per %s (log-odds z against %s; count in the %s)",
          groupBy, reference, groupBy);
      screen.append('\n').append(title).append(":\n");
      report.append("\n## ").append(title).append("\n\n| ").append(groupBy).append(" | documents | terms |\n|---|---|---|\n");
      int shown = 0;
      for (String g : order) {
        String terms = String.join(", ", best.get(g).stream().map(r -> String.format(Locale.ROOT, "%s (%.1f, %d)",
            r.getAs("term"), (double) r.getAs("z"), (long) r.getAs("count"))).toList());
        Long docs = docsPerGroup.get(g);
        if (shown++ < SCREEN_GROUPS) {
          screen.append(String.format(Locale.ROOT, "  %s%s%n      %s%n", g, docs == null ? "" : " [" + docs + " docs]", terms));
        }
        report.append("| ").append(g.replace("|", "\\|")).append(" | ").append(docs == null ? "" : docs).append(" | ")
            .append(terms.replace("|", "\\|")).append(" |\n");
      }
      if (order.size() > SCREEN_GROUPS) {
        screen.append(String.format(Locale.ROOT, "  ... and %d more groups: see report.md%n", order.size() - SCREEN_GROUPS));
      }
    }
    if (out.isCommitted(Tables.TOPIC_MODELS.name())) {
      topics(out, screen, report);
    }
    ActorSummary.Text actors = ActorSummary.of(out, entities, SCREEN_GROUPS);
    screen.append(actors.screen());
    report.append(actors.report());
    screen.append(String.format(Locale.ROOT, "%nOutputs    %s%n", out.root()));
    for (String t : committedTables(out)) {
      screen.append("  ").append(t).append("/\n");
    }
    for (String folder : List.of(org.framelens.topics.TopicsStage.MODELS_FOLDER, EntitiesStage.GRAPHS)) {
      if (out.hasFolder(folder)) {
        screen.append("  ").append(folder).append(folder.equals(EntitiesStage.GRAPHS) ? "/ (GraphML and GEXF)\n"
            : "/ (saved topic models: --topic-model)\n");
      }
    }
    screen.append("  run_manifest.json, report.md (tables documented in docs/tables.md)\n");
    writeReport(spark, out, report.toString());
    return screen.toString();
  }

  /** Each model's topics: share, coherence, top terms, and the outlets that lean on the topic most. */
  private static void topics(OutputStore out, StringBuilder screen, StringBuilder report) {
    Map<String, List<Row>> terms = new LinkedHashMap<>();
    for (Row r : out.readCommitted(Tables.TOPIC_TERMS).filter(col("rank").leq(8)).orderBy("k", "topic", "rank").collectAsList()) {
      terms.computeIfAbsent(r.getAs("k") + "/" + r.getAs("topic"), x -> new ArrayList<>()).add(r);
    }
    Map<String, List<Row>> leaning = new LinkedHashMap<>();
    var byDiff = org.apache.spark.sql.expressions.Window.partitionBy("k", "topic").orderBy(col("diff").desc(), col("outlet"));
    for (Row r : out.readCommitted(Tables.OUTLET_TOPICS).withColumn("_r", row_number().over(byDiff))
        .filter(col("_r").leq(3).and(col("diff").gt(0))).orderBy("k", "topic", "_r").collectAsList()) {
      leaning.computeIfAbsent(r.getAs("k") + "/" + r.getAs("topic"), x -> new ArrayList<>()).add(r);
    }
    List<Row> quality = out.readCommitted(Tables.TOPIC_QUALITY).orderBy(col("k"), col("corpus_share").desc()).collectAsList();
    for (Row m : out.readCommitted(Tables.TOPIC_MODELS).orderBy("k").collectAsList()) {
      int k = m.getAs("k");
      String title = String.format(Locale.ROOT,
          "Topics, k = %d (%s, %d iterations): mean NPMI %.3f, lowest %.3f, perplexity %.0f; saved in %s",
          k, m.getAs("optimizer"), (int) m.getAs("iterations"), (double) m.getAs("mean_npmi"),
          (double) m.getAs("min_npmi"), (double) m.getAs("perplexity"), m.getAs("model_path"));
      screen.append('\n').append(title).append(":\n");
      report.append("\n## ").append(title).append("\n\n| topic | share of tokens | NPMI | top terms | outlets leaning on it (difference from the corpus mean, 95% interval) |\n|---|---|---|---|---|\n");
      for (Row q : quality) {
        if ((int) q.getAs("k") != k) {
          continue;
        }
        String key = k + "/" + q.getAs("topic");
        String top = String.join(", ", terms.getOrDefault(key, List.of()).stream().map(r -> (String) r.getAs("term")).toList());
        String lean = String.join("; ", leaning.getOrDefault(key, List.of()).stream().map(r -> String.format(Locale.ROOT,
            "%s %+.1f pts [%+.1f, %+.1f]", r.getAs("outlet"), 100 * (double) r.getAs("diff"),
            r.isNullAt(r.fieldIndex("diff_ci_low")) ? Double.NaN : 100 * (double) r.getAs("diff_ci_low"),
            r.isNullAt(r.fieldIndex("diff_ci_high")) ? Double.NaN : 100 * (double) r.getAs("diff_ci_high"))).toList());
        String share = String.format(Locale.ROOT, "%.1f%%", 100 * (double) q.getAs("corpus_share"));
        String npmi = String.format(Locale.ROOT, "%.2f", (double) q.getAs("npmi"));
        screen.append(String.format(Locale.ROOT, "  T%-3d %6s  NPMI %5s  %s%n", (int) q.getAs("topic"), share, npmi, top));
        if (!lean.isEmpty()) {
          screen.append("              leaning: ").append(lean).append('\n');
        }
        report.append("| ").append((int) q.getAs("topic")).append(" | ").append(share).append(" | ").append(npmi)
            .append(" | ").append(top.replace("|", "\\|")).append(" | ").append(lean.replace("|", "\\|")).append(" |\n");
      }
    }
  }

  private static List<String> committedTables(OutputStore out) {
    return Tables.ALL.stream().map(t -> t.name()).filter(out::isCommitted).toList();
  }

  private static Map<String, Long> groupSizes(SparkSession spark, OutputStore out, JsonNode m) {
    Map<String, Long> sizes = new LinkedHashMap<>();
    String groupBy = m.path("config").path("keyness").path("groupBy").asText("outlet");
    if (!out.isCommitted(Tables.DOCUMENTS.name())) {
      return sizes;
    }
    Dataset<Row> docs = out.readCommitted(Tables.DOCUMENTS).filter(col("duplicate_of").isNull());
    var grp = groupBy.equals("outlet") ? col("outlet") : coalesce(element_at(col("extra"), groupBy), lit("(none)"));
    for (Row r : docs.groupBy(grp.as("g")).count().collectAsList()) {
      sizes.put(r.getString(0), r.getLong(1));
    }
    return sizes;
  }

  private static String totalSeconds(JsonNode m) {
    double s = 0;
    for (JsonNode st : m.path("stages")) {
      s += st.path("seconds").asDouble();
    }
    return String.format(Locale.ROOT, "%.1f", s);
  }

  private static void writeReport(SparkSession spark, OutputStore out, String text) {
    Path p = new Path(out.root(), "report.md");
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream o = fs.create(p, true)) {
        o.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
    }
  }
}
