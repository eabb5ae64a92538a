package org.framelens.kwic;

import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.framelens.corpus.SelfReferences;
import org.framelens.groups.Groups;
import org.framelens.kwic.Concordance.Hit;
import org.framelens.pipeline.FramelensException;
import org.framelens.text.AnalysisOptions;

/** The concordance as a Spark job over the documents table, and its printed form. */
public final class Kwic {
  private Kwic() {}

  private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private static final StructType HIT = new StructType()
      .add("term", DataTypes.StringType, false).add("analyzed", DataTypes.StringType, false).add("paragraph", DataTypes.IntegerType, false)
      .add("sentence", DataTypes.IntegerType, false).add("start", DataTypes.IntegerType, false)
      .add("end", DataTypes.IntegerType, false).add("left", DataTypes.StringType, false)
      .add("match", DataTypes.StringType, false).add("right", DataTypes.StringType, false);

  /**
   * The analysis settings that made the folder's doc_terms, as its run manifest records them: the concordance must
   * see the text as the counts did.
   */
  public static AnalysisOptions analysis(JsonNode manifest) {
    JsonNode a = manifest == null ? null : manifest.path("tables").path("doc_terms").path("settings").path("analysis");
    if (a == null || !a.isObject()) {
      throw new FramelensException("the output folder's manifest records no doc_terms table: run 'framelens terms' (or 'framelens run') first");
    }
    try {
      return JSON.treeToValue(a, AnalysisOptions.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new FramelensException("the manifest's analysis settings of doc_terms cannot be read: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Every line of the terms in the counted documents (of {@code outlet} when given), numbered per term (and group):
   * the KWIC table's columns. Self-references are masked as the terms stage masked them, unless it kept them, so
   * that the lines are the occurrences doc_terms counts.
   */
  public static Dataset<Row> lines(Dataset<Row> documents, Concordance concordance, JsonNode manifest,
      String outlet, String groupBy, int window) {
    return lines(documents, concordance, manifest, outlet, groupBy, window, null);
  }

  /**
   * The same, reading only the documents in {@code only} (doc_id), when given: those known from doc_terms to hold the
   * lines wanted. The rest of {@code documents} still defines the groups and, for a folder whose manifest records
   * none, the self-references.
   */
  public static Dataset<Row> lines(Dataset<Row> documents, Concordance concordance, JsonNode manifest,
      String outlet, String groupBy, int window, Dataset<Row> only) {
    AnalysisOptions analysis = analysis(manifest);
    Dataset<Row> counted = documents.filter(col("duplicate_of").isNull());
    if (only != null) {
      counted = counted.join(only, new String[] {"doc_id"}, "left_semi");
    }
    if (outlet != null) {
      counted = counted.filter(col("outlet").equalTo(outlet));
    }
    org.apache.spark.sql.Column text = col("text");
    if (!analysis.keepSelfReferences) {
      SelfReferences recorded = SelfReferences.recorded(manifest);   // none in a folder written before they were
      SelfReferences self = recorded != null ? recorded : SelfReferences.of(documents);
      text = udf(self.masker(), SelfReferences.MASKED).apply(col("outlet"), col("text")).getField("text");
    }
    var find = udf((UDF1<String, List<Row>>) t -> {
      List<Row> out = new ArrayList<>();
      for (Hit h : concordance.find(t, window)) {
        out.add(RowFactory.create(h.term(), h.analyzed(), h.paragraph(), h.sentence(), h.start(), h.end(), h.left(), h.match(), h.right()));
      }
      return out;
    }, DataTypes.createArrayType(HIT, false));
    Dataset<Row> hits = counted.select(col("doc_id"), col("outlet"), col("published"), col("title"),
            explode(find.apply(text)).as("h"))
        .select(col("h.term").as("term"), col("h.analyzed").as("analyzed"),
            col("doc_id"), col("outlet"), col("published"), col("title"), col("h.paragraph").as("paragraph"),
            col("h.sentence").as("sentence"), col("h.start").as("start"), col("h.end").as("end"),
            col("h.left").as("left"), col("h.match").as("match"), col("h.right").as("right"));
    if (groupBy != null) {
      hits = hits.join(Groups.of(documents, groupBy), "doc_id");
    } else {
      hits = hits.withColumn("grp", lit(null).cast("string"));
    }
    var order = Window.partitionBy("term", "grp")
        .orderBy(col("published").asc_nulls_last(), col("doc_id"), col("sentence"), col("start"));
    return hits.withColumn("line", row_number().over(order))
        .select(java.util.Arrays.stream(KwicTables.KWIC.columnNames()).map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new));
  }

  /**
   * The concordance of these lines as printed: the totals over all of them, then the first {@code limit} of each term
   * (and group). Reads only per-term totals and the lines shown.
   */
  public static String show(Dataset<Row> lines, Dataset<Row> docTerms, Concordance c, KwicOptions o) {
    Map<String, String> analyzed = new LinkedHashMap<>();
    for (int i = 0; i < c.given().size(); i++) {
      analyzed.put(c.given().get(i), c.analyzed().get(i));
    }
    Map<String, long[]> totals = new LinkedHashMap<>();
    for (Row r : lines.groupBy("term").agg(count(lit(1)), countDistinct("doc_id")).collectAsList()) {
      totals.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2)});
    }
    Dataset<Row> counts = docTerms.filter(col("term").isin(analyzed.values().toArray()));
    if (o.outlet != null) {
      counts = counts.filter(col("outlet").equalTo(o.outlet));
    }
    Map<String, Long> counted = new LinkedHashMap<>();
    for (Row r : counts.groupBy("term").agg(sum("count")).collectAsList()) {
      counted.put(r.getString(0), r.getLong(1));
    }
    List<Row> shown = lines.filter(col("line").leq(o.limit)).orderBy("term", "grp", "line").collectAsList();
    return format(shown, totals, counted, analyzed, o.window);
  }

  /**
   * The printed concordance: for each term, its occurrences and documents in the lines against doc_terms's count of
   * the same documents, then its first lines (left context aligned right, the match, right context, outlet, date,
   * title).
   */
  static String format(List<Row> shown, Map<String, long[]> totals, Map<String, Long> docTermsCounts,
      Map<String, String> analyzed, int window) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> term : analyzed.entrySet()) {
      long[] t = totals.getOrDefault(term.getKey(), new long[2]);
      long counted = docTermsCounts.getOrDefault(term.getValue(), 0L);
      b.append(String.format(Locale.ROOT, "%n%s (as analyzed: %s): %,d occurrences in %,d documents; doc_terms counts %,d%s%n",
          term.getKey(), term.getValue(), t[0], t[1], counted,
          counted == t[0] ? "" : term.getValue().contains(" ") && counted == 0
              ? " (not one of the folder's phrases: its words are shown where they stand together)" : " (they differ)"));
      String group = null;
      for (Row r : shown) {
        if (!r.getString(0).equals(term.getKey())) {
          continue;
        }
        String grp = r.getString(2);
        if (grp != null && !grp.equals(group)) {
          b.append("  [").append(grp).append("]\n");
          group = grp;
        }
        String title = r.isNullAt(7) ? "" : r.getString(7);
        b.append(String.format(Locale.ROOT, "  %" + (window + 1) + "s [%s] %-" + (window + 1) + "s  %s  %s  %s%n",
            r.getString(12), r.getString(13), r.getString(14), r.getString(5),
            r.isNullAt(6) ? "undated" : r.get(6).toString(), title.length() > 60 ? title.substring(0, 59) + "\u2026" : title));
      }
    }
    return b.toString();
  }
}
