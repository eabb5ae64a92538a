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

  /** Separates the entity from the label in a descriptor feature: entity ids hold no such character. */
  static final String LABEL_OF = "|";

  /**
   * doc_id, kind, term, n, count: the features compared within events. A document's terms (doc_terms); with the
   * mentions (null when the entities stage has not run), the entities it names, each mention counted, and the
   * labels it gives them (kind descriptor, term entity_id|label), each labelled mention counted. Each kind is its
   * own multinomial, so a label is scored against the labels the others give, not against words.
   */
  static Dataset<Row> features(Dataset<Row> docTerms, Dataset<Row> mentions) {
    Dataset<Row> f = docTerms
        .select(col("doc_id"), lit("term").as("kind"), col("term"), col("n"), col("count").cast("long").as("count"));
    if (mentions == null) {
      return f;
    }
    Dataset<Row> named = mentions.filter(col("entity_id").isNotNull());
    return f.unionByName(named.groupBy("doc_id", "entity_id").agg(count(lit(1)).as("count"))
            .select(col("doc_id"), lit("entity").as("kind"), col("entity_id").as("term"), lit(1).as("n"), col("count")))
        .unionByName(named.select(col("doc_id"), col("entity_id"), explode(array_distinct(col("descriptors"))).as("label"))
            .groupBy("doc_id", "entity_id", "label").agg(count(lit(1)).as("count"))
            .select(col("doc_id"), lit("descriptor").as("kind"), concat(col("entity_id"), lit(LABEL_OF), col("label")).as("term"),
                lit(1).as("n"), col("count")));
  }

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
    String[] feature = {"kind", "term", "n"};
    Dataset<Row> byGroup = features.join(members, "doc_id").groupBy(col("event_id"), col("grp"), col("kind"),
        col("term"), col("n")).agg(sum(col("count").cast("long")).as("y"))
        .coalesce(spread).persist(StorageLevel.MEMORY_AND_DISK());   // read four times below
    Dataset<Row> byEvent = byGroup.groupBy("event_id", "kind", "term", "n").agg(sum("y").as("t"));
    Dataset<Row> prior = byEvent.groupBy("kind", "term", "n").agg(sum("t").as("_w"))
        .withColumn("p", col("_w").divide(sum("_w").over(Window.partitionBy("kind", "n")))).drop("_w");
    // Only the features a group uses are scored, so only those rows are built; the reference totals come from the
    // events' totals (the others' words = the event's words - the group's), not from rows for every feature of an
    // event and group, which on AllSides would be tens of millions.
    Dataset<Row> eventTotals = byEvent.groupBy("event_id", "kind", "n").agg(sum("t").as("_total"));
    Dataset<Row> used = byGroup.join(shared, new String[] {"event_id", "grp"});

    Dataset<Row> own = used.groupBy("event_id", "grp", "kind", "n").agg(sum("y").as("ng"))
        .join(eventTotals, new String[] {"event_id", "kind", "n"})
        .withColumn("nr", col("_total").minus(col("ng"))).drop("_total");
    Dataset<Row> perEvent = score(used.join(byEvent, new String[] {"event_id", "kind", "term", "n"})
        .withColumn("yr", col("t").minus(col("y"))).drop("t")
        .join(own, new String[] {"event_id", "grp", "kind", "n"})
        .join(prior, feature)
        .withColumn("events", lit(1)).withColumn("term_events", lit(1)), new String[] {"event_id", "grp"})
        .filter(col("rank").leq(top));

    // Pooled over each group's shared events: the others' count of a feature is its count in those events' documents
    // minus the group's own.
    Dataset<Row> events = shared.groupBy("grp").agg(count(lit(1)).cast("int").as("events"));
    Dataset<Row> pooledOwn = used.groupBy("grp", "kind", "term", "n").agg(sum("y").as("y"));
    Dataset<Row> inShared = shared.join(byEvent, "event_id").groupBy("grp", "kind", "term", "n")
        .agg(sum("t").as("t"), count(lit(1)).cast("int").as("term_events"));
    Dataset<Row> pooledTotals = shared.join(eventTotals, "event_id").groupBy("grp", "kind", "n").agg(sum("_total").as("_total"))
        .join(pooledOwn.groupBy("grp", "kind", "n").agg(sum("y").as("ng")), new String[] {"grp", "kind", "n"})
        .withColumn("nr", col("_total").minus(col("ng"))).drop("_total");
    Dataset<Row> pooled = pooledOwn.join(inShared, new String[] {"grp", "kind", "term", "n"})
        .withColumn("yr", col("t").minus(col("y"))).drop("t")
        .join(pooledTotals, new String[] {"grp", "kind", "n"})
        .join(prior, feature)
        .join(events, "grp").withColumn("event_id", lit(EventTables.POOLED));
    long rows = ctx.out.write(EventTables.EVENT_TERMS, perEvent.unionByName(score(pooled, new String[] {"event_id", "grp"}))
        .withColumn("group_by", lit(groupBy)));
    byGroup.unpersist();
    return rows;
  }

  /**
   * Scores rows (scope columns, kind, term, n, y, yr, ng, nr, p, events, term_events), each a feature the target
   * uses (y > 0), within each scope; ng and nr are the target's and the reference's totals for the kind and n.
   */
  private static Dataset<Row> score(Dataset<Row> rows, String[] scope) {
    Column[] scopeCols = java.util.Arrays.stream(scope).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Column y = col("y").cast("double");
    Column yr = col("yr").cast("double");
    Column ng = col("ng").cast("double");
    Column nr = col("nr").cast("double");
    Dataset<Row> t = rows.withColumn("a0", ng.plus(nr)).withColumn("alpha", col("a0").multiply(col("p")));
    Column delta = LogOdds.delta(y, yr, ng, nr, col("a0"), col("alpha"), col("p").equalTo(1.0));
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
