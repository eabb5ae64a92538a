package org.framelens.terms;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.framelens.groups.GroupOptions;
import org.framelens.groups.Groups;
import org.framelens.output.OutputSpec;
import org.framelens.pipeline.Chart;
import org.framelens.pipeline.FramelensException;
import org.framelens.pipeline.RunContext;
import org.framelens.pipeline.Section;
import org.framelens.pipeline.Stage;
import org.framelens.pipeline.Validation;
import org.framelens.corpus.CorpusTables;

/**
 * Distinctive terms of each group: the weighted log-odds ratio with an informative Dirichlet prior (Monroe,
 * Colaresi & Quinn 2008, "Fightin' Words") and its z-score, with Dunning's G2 and Pearson's chi-squared of the same
 * 2x2 table beside it. Every term order n is its own multinomial: a group's totals and the prior are taken over the
 * terms of the same n.
 */
public final class DistinctiveStage implements Stage {
  public static final String ALL_OTHERS = "(all others)";
  /** Groups whose terms the summary prints on the screen (all of them go to report.md). */
  private static final int SCREEN_GROUPS = 12;
  /** Groups whose terms report.md lists, the largest first: every outlet of a corpus of hundreds. */
  static final int REPORT_GROUPS = 1000;
  private final GroupOptions grouping;
  private final KeynessOptions k;

  public DistinctiveStage(GroupOptions grouping, KeynessOptions keyness) {
    this.grouping = grouping;
    this.k = keyness;
  }

  @Override
  public String name() {
    return "distinctive";
  }

  private boolean byOutlet() {
    return grouping.groupBy.equals("outlet");
  }

  @Override
  public List<OutputSpec> requires() {
    return byOutlet() ? List.of(TermTables.OUTLET_TERMS) : List.of(TermTables.DOC_TERMS, CorpusTables.DOCUMENTS);
  }

  @Override
  public List<OutputSpec> provides() {
    return List.of(TermTables.DISTINCTIVE_TERMS);
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("groups", grouping, "keyness", k);
  }

  @Override
  public void validate(Validation v) {
    if ((k.compare == null) != (k.against == null)) {
      v.problem("--compare and --against go together: name both groups, or neither");
    }
    if (k.compare != null && k.compare.equals(k.against)) {
      v.problem("--compare " + k.compare + " --against " + k.against + ": two different groups");
    }
    v.require(k.priorSize >= 0, "--prior-size", k.priorSize, "0 (the corpus's own size) or more");
    v.require(k.top >= 0, "--top", k.top, "at least 0");
    v.require(!grouping.groupBy.isBlank(), "--group-by", "''", "a document column or input field");
  }

  @Override
  public void run(RunContext ctx) {
    Dataset<Row> counts = groupCounts(ctx, grouping.groupBy);   // grp, term, n, y
    List<String> groups = counts.select("grp").distinct().orderBy("grp").as(org.apache.spark.sql.Encoders.STRING())
        .limit(100_001).collectAsList();
    Dataset<Row> corpus = counts.groupBy("term", "n").agg(sum("y").as("y_w"));
    Dataset<Row> totals = counts.groupBy("grp", "n").agg(sum("y").as("n_g"));
    Dataset<Row> grand = counts.groupBy("n").agg(sum("y").as("n_all"));

    Dataset<Row> rows;
    if (k.compare != null) {
      for (String g : List.of(k.compare, k.against)) {
        if (!groups.contains(g)) {
          throw new FramelensException("no group '" + g + "' in " + grouping.groupBy + "; groups: " + preview(groups));
        }
      }
      Dataset<Row> ref = counts.filter(col("grp").equalTo(k.against)).select(col("term"), col("n"), col("y").as("y_r"));
      Dataset<Row> refTotals = totals.filter(col("grp").equalTo(k.against)).select(col("n"), col("n_g").as("n_r"));
      rows = counts.filter(col("grp").equalTo(k.compare))
          .join(ref, new String[] {"term", "n"}, "left").na().fill(0L, new String[] {"y_r"})
          .join(totals, new String[] {"grp", "n"})
          .join(refTotals, "n")
          .withColumn("reference", lit(k.against));
    } else {
      if (groups.size() < 2) {
        ctx.skip("distinctive terms compare groups, and the corpus has " + groups.size() + " group of "
            + grouping.groupBy + " (" + preview(groups) + "): there is nothing to compare it with");
      }
      rows = counts.join(broadcast(totals), new String[] {"grp", "n"})
          .withColumn("reference", lit(ALL_OTHERS));
    }
    // Corpus counts give the prior (the whole corpus's frequencies, whatever the comparison) and, against all
    // others, the reference counts too: joined once.
    rows = rows.join(corpus, new String[] {"term", "n"}).join(broadcast(grand), "n");
    if (k.compare == null) {
      rows = rows.withColumn("y_r", col("y_w").minus(col("y"))).withColumn("n_r", col("n_all").minus(col("n_g")));
    }
    Column a0 = k.priorSize > 0 ? lit(k.priorSize) : col("n_all").cast("double");
    Column alpha = a0.multiply(col("y_w")).divide(col("n_all"));
    Column y = col("y").cast("double");
    Column yr = col("y_r").cast("double");
    Column ng = col("n_g").cast("double");
    Column nr = col("n_r").cast("double");
    Column delta = LogOdds.delta(y, yr, ng, nr, a0, alpha, col("y_w").equalTo(col("n_all")));

    Dataset<Row> scored = rows
        .withColumn("log_odds", delta)
        .withColumn("z", LogOdds.z(delta, y, yr, alpha))
        .withColumn("g2", g2(y, yr, ng, nr))
        .withColumn("chi2", chi2(y, yr, ng, nr))
        .withColumn("rank", row_number().over(Window.partitionBy("grp").orderBy(col("z").desc(), col("term").asc())))
        .select(lit(grouping.groupBy).as("group_by"), col("grp").as("target"), col("reference"), col("term"), col("n"),
            col("y").as("count"), col("y_r").as("count_rest"), col("log_odds"), col("z"), col("g2"), col("chi2"),
            col("rank"));
    long n = ctx.out.write(TermTables.DISTINCTIVE_TERMS, scored);
    ctx.count("groups", (long) groups.size());
    ctx.figure("groups", groups.size());
    ctx.figure("rows", n);
  }

  /** grp, term, n, y: term counts per group. */
  private Dataset<Row> groupCounts(RunContext ctx, String groupBy) {
    if (byOutlet()) {
      return ctx.table(TermTables.OUTLET_TERMS).select(col("outlet").as("grp"), col("term"), col("n"), col("count").as("y"));
    }
    return ctx.table(TermTables.DOC_TERMS).join(Groups.of(ctx.table(CorpusTables.DOCUMENTS), groupBy), "doc_id")
        .groupBy("grp", "term", "n").agg(sum(col("count").cast("long")).as("y"));
  }

  /** Dunning's G2 = 2 sum O ln(O/E) over the 2x2 table (term / other terms x target / reference). */
  private static Column g2(Column a, Column b, Column ng, Column nr) {
    Column c = ng.minus(a);
    Column d = nr.minus(b);
    Column total = ng.plus(nr);
    Column r1 = a.plus(b);
    Column r2 = c.plus(d);
    return lit(2.0).multiply(oLnOverE(a, r1.multiply(ng).divide(total)).plus(oLnOverE(b, r1.multiply(nr).divide(total)))
        .plus(oLnOverE(c, r2.multiply(ng).divide(total))).plus(oLnOverE(d, r2.multiply(nr).divide(total))));
  }

  private static Column oLnOverE(Column o, Column e) {
    return when(o.gt(0), o.multiply(log(o.divide(e)))).otherwise(0.0);
  }

  /** Pearson's chi-squared of the same table: N (ad - bc)^2 / (row and column totals). */
  private static Column chi2(Column a, Column b, Column ng, Column nr) {
    Column c = ng.minus(a);
    Column d = nr.minus(b);
    Column total = ng.plus(nr);
    Column num = total.multiply(pow(a.multiply(d).minus(b.multiply(c)), 2));
    Column den = a.plus(b).multiply(c.plus(d)).multiply(ng).multiply(nr);
    return when(den.gt(0), num.divide(den)).otherwise(0.0);
  }

  private static String preview(List<String> groups) {
    return groups.size() <= 20 ? String.join(", ", groups) : String.join(", ", groups.subList(0, 20)) + ", ...";
  }

  /**
   * Each group's top terms, the largest groups first, with their document counts; at most {@link #REPORT_GROUPS}
   * groups, so that a grouping by a near-unique column (url, author) does not bring the corpus to the driver.
   */
  @Override
  public Optional<Section> report(RunContext ctx) {
    if (!ctx.has(TermTables.DISTINCTIVE_TERMS)) {
      return Optional.empty();
    }
    Dataset<Row> dt = ctx.table(TermTables.DISTINCTIVE_TERMS);
    List<Row> head = dt.select("group_by", "reference").limit(1).collectAsList();
    if (head.isEmpty()) {
      return Optional.empty();
    }
    String groupBy = head.get(0).getString(0);   // the grouping the table was computed with, whatever this run's option
    long groups = dt.select("target").distinct().count();
    // The largest groups by counted documents (alphabetical without the documents table), then their terms.
    Map<String, Long> docs = ctx.has(CorpusTables.DOCUMENTS)
        ? Groups.sizes(ctx.table(CorpusTables.DOCUMENTS), groupBy, REPORT_GROUPS) : Map.of();
    List<String> order = groups <= REPORT_GROUPS || docs.isEmpty()
        ? new ArrayList<>(dt.select("target").distinct().orderBy("target").limit(REPORT_GROUPS)
            .as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        : new ArrayList<>(docs.keySet());
    order.sort((a, b) -> Long.compare(docs.getOrDefault(b, 0L), docs.getOrDefault(a, 0L)) != 0
        ? Long.compare(docs.getOrDefault(b, 0L), docs.getOrDefault(a, 0L)) : a.compareTo(b));
    Map<String, List<Row>> best = new LinkedHashMap<>();
    order.forEach(g -> best.put(g, new ArrayList<>()));
    for (Row r : dt.filter(col("rank").leq(k.top).and(col("target").isin(order.toArray()))).orderBy(col("target"), col("rank"))
        .collectAsList()) {
      best.get(r.<String>getAs("target")).add(r);
    }
    best.values().removeIf(List::isEmpty);
    String title = String.format(Locale.ROOT, "Most distinctive terms per %s (log-odds z against %s; count in the %s)",
        groupBy, head.get(0).getString(1), groupBy);
    StringBuilder screen = new StringBuilder("\n").append(title).append(":\n");
    StringBuilder md = new StringBuilder("\n## ").append(title).append("\n\n| ").append(groupBy)
        .append(" | documents | terms |\n|---|---|---|\n");
    int shown = 0;
    for (Map.Entry<String, List<Row>> e : best.entrySet()) {
      String g = e.getKey();
      String terms = String.join(", ", e.getValue().stream().map(r -> String.format(Locale.ROOT, "%s (%.1f, %d)",
          r.getAs("term"), (double) r.getAs("z"), (long) r.getAs("count"))).toList());
      Long n = docs.get(g);
      if (shown++ < SCREEN_GROUPS) {
        screen.append(String.format(Locale.ROOT, "  %s%s%n      %s%n", g, n == null ? "" : " [" + n + " docs]", terms));
      }
      md.append("| ").append(g.replace("|", "\\|")).append(" | ").append(n == null ? "" : n).append(" | ")
          .append(terms.replace("|", "\\|")).append(" |\n");
    }
    if (best.size() > SCREEN_GROUPS) {
      screen.append(String.format(Locale.ROOT, "  ... and %d more groups: see report.md%n", best.size() - SCREEN_GROUPS));
    }
    if (groups > best.size()) {
      md.append(String.format(Locale.ROOT, "%nThe %,d largest of %,d groups; the others are in distinctive_terms.%n",
          best.size(), groups));
    }
    return Optional.of(new Section(screen.toString(), md.toString(), charts(dt, groupBy, order, docs, best, groups)));
  }

  /** Groups drawn in full in the report's chart (the largest); every group is in its table. */
  static final int CHART_GROUPS = 12;
  /** Terms of each charted group: the most distinctive, and the least (most negative z). */
  static final int CHART_TOP = 200;
  static final int CHART_BOTTOM = 50;
  /** Terms labelled (and opening their lines) in each group's chart. */
  static final int CHART_LABELS = 12;

  /**
   * Monroe, Colaresi and Quinn's (2008, figure 3) plot for each of the largest groups, z against the term's count,
   * with a chooser of the group; the labelled terms open their lines. And every group's top terms as a table.
   */
  private static List<Chart> charts(Dataset<Row> dt, String groupBy, List<String> order, Map<String, Long> docs,
      Map<String, List<Row>> best, long groups) {
    List<String> drawn = order.subList(0, Math.min(CHART_GROUPS, order.size()));
    Dataset<Row> points = dt.filter(col("target").isin(drawn.toArray()))
        .withColumn("_low", row_number().over(Window.partitionBy("target").orderBy(col("z"), col("term"))))
        .filter(col("rank").leq(CHART_TOP).or(col("_low").leq(CHART_BOTTOM)))
        .select(col("target"), col("term"), col("count"), col("count_rest"), col("z"), col("rank"));
    List<Map<String, Object>> values = Chart.values(points.collectAsList());
    List<Chart.Drill> drills = new ArrayList<>();
    for (Map<String, Object> v : values) {
      if ((int) v.get("rank") <= CHART_LABELS) {
        Chart.Drill d = new Chart.Drill(groupBy, (String) v.get("target"), (String) v.get("term"));
        v.put("kwic", d.key());
        drills.add(d);
      }
    }
    if (drawn.isEmpty()) {
      return List.of();
    }
    String spec = """
        {"width": 640, "height": 420,
         "transform": [{"filter": "datum.target === group"}],
         "encoding": {"x": {"field": "count", "type": "quantitative", "scale": {"type": "log"}, "title": "count in the group (log scale)"},
                      "y": {"field": "z", "type": "quantitative", "title": "log-odds z (against the rest)"}},
         "layer": [
           {"mark": {"type": "point", "filled": true, "opacity": 0.55},
            "encoding": {"color": {"condition": {"test": "abs(datum.z) >= 1.96", "value": "#b03a2e"}, "value": "#9aa5ad"},
                         "tooltip": [{"field": "term"}, {"field": "count"}, {"field": "count_rest"},
                                     {"field": "z", "format": ".2f"}, {"field": "rank"}]}},
           {"transform": [{"filter": "isValid(datum.kwic)"}],
            "mark": {"type": "text", "align": "left", "dx": 5, "fontSize": 11, "cursor": "pointer"},
            "encoding": {"text": {"field": "term"}}}]}""";
    List<Chart> charts = new ArrayList<>();
    charts.add(Chart.vegaLite("distinctive-scatter", "Distinctive terms by " + groupBy + ": z against frequency",
        String.format(Locale.ROOT, "For each of the %d largest groups (choose above): its %d most and %d least distinctive terms; red where |z| >= 1.96. Click a labelled term for its lines.",
            drawn.size(), CHART_TOP, CHART_BOTTOM), spec, values, drills).withChooser("group", groupBy, drawn));
    List<List<Object>> rows = new ArrayList<>();
    best.forEach((g, rs) -> rows.add(List.of(g, docs.getOrDefault(g, 0L),
        String.join(", ", rs.stream().limit(8).map(r -> (String) r.getAs("term")).toList()))));
    charts.add(Chart.table("distinctive-all", "The most distinctive terms of every " + groupBy,
        String.format(Locale.ROOT, "%,d groups shown of %,d (the largest; all are in distinctive_terms).", rows.size(), groups),
        List.of(groupBy, "documents", "top terms"), rows));
    return charts;
  }
}
