package org.framelens.terms;

import static org.apache.spark.sql.functions.*;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.framelens.output.Tables;
import org.framelens.pipeline.FramelensException;
import org.framelens.pipeline.RunContext;
import org.framelens.pipeline.Settings;
import org.framelens.pipeline.Stage;

/**
 * Distinctive terms of each group: the weighted log-odds ratio with an informative Dirichlet prior (Monroe,
 * Colaresi & Quinn 2008, "Fightin' Words") and its z-score, with Dunning's G2 and Pearson's chi-squared of the same
 * 2x2 table beside it. Every term order n is its own multinomial: a group's totals and the prior are taken over the
 * terms of the same n.
 */
public final class DistinctiveStage implements Stage {
  public static final String ALL_OTHERS = "(all others)";

  @Override
  public String name() {
    return "distinctive";
  }

  private static boolean byOutlet(Settings s) {
    return s.keyness.groupBy.equals("outlet");
  }

  @Override
  public Set<String> requires(Settings s) {
    return byOutlet(s) ? Set.of(Tables.OUTLET_TERMS.name())
        : Set.of(Tables.DOC_TERMS.name(), Tables.DOCUMENTS.name());
  }

  @Override
  public Set<String> provides(Settings s) {
    return Set.of(Tables.DISTINCTIVE_TERMS.name());
  }

  @Override
  public void run(RunContext ctx) {
    KeynessOptions k = ctx.settings.keyness;
    Dataset<Row> counts = groupCounts(ctx, k.groupBy);   // grp, term, n, y
    List<String> groups = counts.select("grp").distinct().orderBy("grp").as(org.apache.spark.sql.Encoders.STRING())
        .limit(100_001).collectAsList();
    if ((k.compare == null) != (k.against == null)) {
      throw new FramelensException("--compare and --against go together: name both groups, or neither");
    }
    Dataset<Row> corpus = counts.groupBy("term", "n").agg(sum("y").as("y_w"));
    Dataset<Row> totals = counts.groupBy("grp", "n").agg(sum("y").as("n_g"));
    Dataset<Row> grand = counts.groupBy("n").agg(sum("y").as("n_all"));

    Dataset<Row> rows;
    if (k.compare != null) {
      for (String g : List.of(k.compare, k.against)) {
        if (!groups.contains(g)) {
          throw new FramelensException("no group '" + g + "' in " + k.groupBy + "; groups: " + preview(groups));
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
        throw new FramelensException("distinctive terms need at least two groups of " + k.groupBy + "; the corpus has "
            + groups.size() + ": " + preview(groups));
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
    Column delta = log(y.plus(alpha).divide(ng.plus(a0).minus(y).minus(alpha)))
        .minus(log(yr.plus(alpha).divide(nr.plus(a0).minus(yr).minus(alpha))));
    Column variance = lit(1.0).divide(y.plus(alpha)).plus(lit(1.0).divide(yr.plus(alpha)));

    Dataset<Row> scored = rows
        .withColumn("log_odds", delta)
        .withColumn("z", delta.divide(sqrt(variance)))
        .withColumn("g2", g2(y, yr, ng, nr))
        .withColumn("chi2", chi2(y, yr, ng, nr))
        .withColumn("rank", row_number().over(Window.partitionBy("grp").orderBy(col("z").desc(), col("term").asc())))
        .select(lit(k.groupBy).as("group_by"), col("grp").as("target"), col("reference"), col("term"), col("n"),
            col("y").as("count"), col("y_r").as("count_rest"), col("log_odds"), col("z"), col("g2"), col("chi2"),
            col("rank"));
    long n = ctx.out.write(Tables.DISTINCTIVE_TERMS, scored);
    ctx.counts.put("groups", (long) groups.size());
    ctx.figure("groups", groups.size());
    ctx.figure("rows", n);
  }

  /** grp, term, n, y: term counts per group. */
  private static Dataset<Row> groupCounts(RunContext ctx, String groupBy) {
    if (byOutlet(ctx.settings)) {
      return ctx.table(Tables.OUTLET_TERMS).select(col("outlet").as("grp"), col("term"), col("n"), col("count").as("y"));
    }
    Dataset<Row> docs = ctx.table(Tables.DOCUMENTS);
    List<String> columns = List.of(docs.columns());
    Column grp = columns.contains(groupBy) && !groupBy.equals("extra") ? col(groupBy).cast("string")
        : element_at(col("extra"), groupBy);
    Dataset<Row> groups = docs.select(col("doc_id"), coalesce(grp, lit("(none)")).as("grp"));
    return ctx.table(Tables.DOC_TERMS).join(groups, "doc_id")
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
}
