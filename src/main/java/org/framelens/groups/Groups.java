package org.framelens.groups;

import static org.apache.spark.sql.functions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The one place that decides which group a document belongs to: a column of the documents table when it has one by
 * that name, else the input field of that name kept in {@code extra}; documents without a value form the group
 * {@link #NONE}. Only counted documents (not duplicates) are in a group.
 */
public final class Groups {
  private Groups() {}

  public static final String NONE = "(none)";

  /** doc_id, grp: the group of every counted document. */
  public static Dataset<Row> of(Dataset<Row> documents, String groupBy) {
    List<String> columns = List.of(documents.columns());
    Column grp = columns.contains(groupBy) && !groupBy.equals("extra") ? col(groupBy).cast("string")
        : element_at(col("extra"), groupBy);
    return documents.filter(col("duplicate_of").isNull()).select(col("doc_id"), coalesce(grp, lit(NONE)).as("grp"));
  }

  /** Counted documents per group, for at most {@code limit} groups (the largest first). */
  public static Map<String, Long> sizes(Dataset<Row> documents, String groupBy, int limit) {
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (Row r : of(documents, groupBy).groupBy("grp").count().orderBy(col("count").desc(), col("grp")).limit(limit)
        .collectAsList()) {
      sizes.put(r.getString(0), r.getLong(1));
    }
    return sizes;
  }
}
