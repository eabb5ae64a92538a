package org.framelens.events;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The attention table: what each group gave its pages to, period by period. */
final class Attention {
  private Attention() {}

  /** period, period_start of a date column, by --period. */
  static Column[] period(Column published, EventOptions.Period p) {
    return switch (p) {
      case day -> new Column[] {date_format(published, "yyyy-MM-dd"), published};
      case month -> new Column[] {date_format(published, "yyyy-MM"), trunc(published, "month")};
      case week -> {
        // ISO 8601: weeks start on Monday, and a week belongs to the year of its Thursday.
        Column monday = date_trunc("week", published).cast("date");
        yield new Column[] {format_string("%d-W%02d", year(date_add(monday, 3)), weekofyear(published)), monday};
      }
    };
  }

  /**
   * attention rows without group_by.
   *
   * @param dated doc_id, grp, published of the dated counted documents
   * @param members event_id, doc_id
   * @param docTopics doc_topics, or null
   * @param mentions mentions, or null
   */
  static Dataset<Row> rows(Dataset<Row> dated, Dataset<Row> members, Dataset<Row> docTopics, Dataset<Row> mentions,
      EventOptions o) {
    Column[] p = period(col("published"), o.period);
    Dataset<Row> docs = dated.select(col("doc_id"), col("grp"), p[0].as("period"), p[1].as("period_start"));
    Dataset<Row> sizes = docs.groupBy("grp", "period", "period_start").agg(count(lit(1)).cast("int").as("documents"));
    Column noK = lit(null).cast("int");
    Column noItem = lit(null).cast("string");
    List<Dataset<Row>> parts = new ArrayList<>();
    parts.add(sizes.select(col("grp"), col("period"), col("period_start"), lit("documents").as("measure"), noK.as("k"),
        noItem.as("item"), col("documents").cast("double").as("value"), col("documents")));
    parts.add(docs.join(members.select("event_id", "doc_id"), "doc_id")
        .groupBy("grp", "period", "period_start").agg(countDistinct("event_id").cast("double").as("value"))
        .join(sizes, new String[] {"grp", "period", "period_start"}, "right").na().fill(0.0, new String[] {"value"})
        .select(col("grp"), col("period"), col("period_start"), lit("events").as("measure"), noK.as("k"),
            noItem.as("item"), col("value"), col("documents")));
    if (docTopics != null) {
      // The mean over the group's modelled documents of the period: each has a full distribution, so the k means
      // of a group-period sum to 1.
      parts.add(docs.join(docTopics.select("k", "doc_id", "topic", "weight"), "doc_id")
          .groupBy("grp", "period", "period_start", "k", "topic").agg(avg("weight").as("value"))
          .join(sizes, new String[] {"grp", "period", "period_start"})
          .select(col("grp"), col("period"), col("period_start"), lit("topic").as("measure"), col("k"),
              col("topic").cast("string").as("item"), col("value"), col("documents")));
    }
    if (mentions != null && o.attentionEntities > 0) {
      Dataset<Row> resolved = mentions.filter(col("entity_id").isNotNull()).select("doc_id", "entity_id");
      // A top-k (each partition's best, then theirs): a row number over an unpartitioned window would move every
      // entity into one task, and warn so in the user's log.
      Dataset<Row> top = resolved.groupBy("entity_id").agg(count(lit(1)).as("_m"))
          .orderBy(col("_m").desc(), col("entity_id")).limit(o.attentionEntities).select("entity_id");
      Dataset<Row> named = docs.join(resolved, "doc_id");
      Dataset<Row> totals = named.groupBy("grp", "period", "period_start").agg(count(lit(1)).as("_all"));
      parts.add(named.join(broadcast(top), "entity_id").groupBy("grp", "period", "period_start", "entity_id")
          .agg(count(lit(1)).as("_n"))
          .join(totals, new String[] {"grp", "period", "period_start"})
          .join(sizes, new String[] {"grp", "period", "period_start"})
          .select(col("grp"), col("period"), col("period_start"), lit("entity").as("measure"), noK.as("k"),
              col("entity_id").as("item"), col("_n").divide(col("_all")).as("value"), col("documents")));
    }
    return parts.stream().reduce(Dataset::unionByName).orElseThrow();
  }
}
