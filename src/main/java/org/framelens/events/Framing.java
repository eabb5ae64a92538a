package org.framelens.events;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.framelens.terms.LogOdds;

/**
 * How each group tells the events it shares with others: the log-odds of its features against the other groups'
 * documents about the same events. Within one event the reference is the other groups' documents of that event.
 * Pooled, the counts are summed over the events the group and at least one other group reported, the reference being
 * the other groups' documents of exactly those events: what the group chose to cover is then the same on both sides,
 * and only how it wrote about it differs. Counts are summed rather than per-event scores averaged because a single
 * event gives a few hundred words a side, too few for a stable estimate of any but the most frequent terms.
 * The prior is the word's share in all event documents (each kind and n its own multinomial), scaled to the size of
 * the comparison (a0 = the target's plus the reference's count), so that it shrinks rare words equally in an event
 * of three documents and in the pool of thousands.
 */
final class Framing {
  private Framing() {}

  /**
   * Writes event_terms; returns its rows.
   *
   * @param features doc_id, kind, term, n, count
   * @param members event_id, doc_id, grp
   */
  static long write(org.framelens.pipeline.RunContext ctx, Dataset<Row> features, Dataset<Row> members, int top,
      String groupBy) {
    // Cached data kept in a few partitions per core, as in the rest of the stage.
    int spread = Math.max(1, ctx.spark.sparkContext().defaultParallelism() * 3);
    Dataset<Row> groups = members.select("event_id", "grp").distinct();
    Dataset<Row> shared = groups.join(groups.groupBy("event_id").agg(count(lit(1)).as("_g")).filter(col("_g").geq(2)),
        "event_id").select("event_id", "grp");
    String[] key = {"event_id", "grp", "kind", "term", "n"};
    Dataset<Row> byGroup = features.join(members, "doc_id").groupBy(col("event_id"), col("grp"), col("kind"),
        col("term"), col("n")).agg(sum(col("count").cast("long")).as("y"))
        .coalesce(spread).persist(StorageLevel.MEMORY_AND_DISK());   // read three times below
    Dataset<Row> byEvent = byGroup.groupBy("event_id", "kind", "term", "n").agg(sum("y").as("t"));
    Dataset<Row> prior = byEvent.groupBy("kind", "term", "n").agg(sum("t").as("_w"))
        .withColumn("p", col("_w").divide(sum("_w").over(Window.partitionBy("kind", "n")))).drop("_w");
    // Every feature of each shared event, for each of its groups: the group's count (0 when it does not use it)
    // and the other groups'.
    Dataset<Row> all = shared.join(byEvent, "event_id").join(byGroup, key, "left").na().fill(0L, new String[] {"y"})
        .withColumn("yr", col("t").minus(col("y"))).drop("t").join(prior, new String[] {"kind", "term", "n"})
        .coalesce(spread).persist(StorageLevel.MEMORY_AND_DISK());   // scored per event and pooled

    Dataset<Row> perEvent = score(all.withColumn("events", lit(1)).withColumn("term_events", lit(1)),
        new String[] {"event_id", "grp"}).filter(col("rank").leq(top));

    Dataset<Row> events = shared.groupBy("grp").agg(count(lit(1)).cast("int").as("events"));
    Dataset<Row> pooled = all.groupBy("grp", "kind", "term", "n")
        .agg(sum("y").as("y"), sum("yr").as("yr"), first("p").as("p"),
            count(when(col("y").plus(col("yr")).gt(0), lit(1))).cast("int").as("term_events"))
        .join(events, "grp").withColumn("event_id", lit(EventTables.POOLED));
    long rows = ctx.out.write(EventTables.EVENT_TERMS, perEvent.unionByName(score(pooled, new String[] {"event_id", "grp"}))
        .withColumn("group_by", lit(groupBy)));
    byGroup.unpersist();
    all.unpersist();
    return rows;
  }

  /** Scores rows (scope columns, kind, term, n, y, yr, p, events, term_events) within each scope. */
  private static Dataset<Row> score(Dataset<Row> rows, String[] scope) {
    Column[] scopeCols = java.util.Arrays.stream(scope).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Column[] totalsBy = java.util.stream.Stream.concat(java.util.Arrays.stream(scopeCols),
        java.util.stream.Stream.of(col("kind"), col("n"))).toArray(Column[]::new);
    Column y = col("y").cast("double");
    Column yr = col("yr").cast("double");
    String[] totalsKey = java.util.stream.Stream.concat(java.util.Arrays.stream(scope), java.util.stream.Stream.of("kind", "n"))
        .toArray(String[]::new);
    Dataset<Row> totals = rows.groupBy(totalsBy).agg(sum("y").cast("double").as("ng"), sum("yr").cast("double").as("nr"));
    Dataset<Row> t = rows.join(totals, totalsKey)
        .withColumn("a0", col("ng").plus(col("nr")))
        .withColumn("alpha", col("a0").multiply(col("p")))
        .filter(col("y").gt(0));
    Column delta = LogOdds.delta(y, yr, col("ng"), col("nr"), col("a0"), col("alpha"));
    return t.withColumn("log_odds", delta)
        .withColumn("z", LogOdds.z(col("log_odds"), y, yr, col("alpha")))
        .withColumn("rank", row_number().over(Window.partitionBy(scopeCols)
            .orderBy(col("z").desc(), col("kind"), col("term"))))
        .select(col("event_id"), col("grp").as("target"), col("kind"), col("term"), col("n"), col("y").as("count"),
            col("yr").as("count_rest"), col("log_odds"), col("z"), col("events"), col("term_events"), col("rank"));
  }

  /**
   * event_coverage rows without group_by.
   *
   * @param members event_id, doc_id, grp, published
   */
  static Dataset<Row> coverage(Dataset<Row> members) {
    org.apache.spark.sql.expressions.WindowSpec event = Window.partitionBy("event_id");
    return members.groupBy("event_id", "grp")
        .agg(count(lit(1)).cast("int").as("documents"), min("published").as("first_published"))
        .withColumn("lag_days", datediff(col("first_published"), min("first_published").over(event)))
        .withColumn("event_groups", count(lit(1)).over(event).cast("int"));
  }
}
