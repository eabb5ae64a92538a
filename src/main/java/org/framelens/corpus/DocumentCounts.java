package org.framelens.corpus;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The hashes that occur in at least a given number of one outlet's documents, counted exactly. A groupBy over one row
 * per (outlet, hash) would shuffle and spill tens of millions of rows on a corpus of AllSides's size (nearly every
 * sequence occurs once, so Spark's partial aggregation saves nothing); here each document's hashes travel as one
 * array, an outlet's arrays meet in one task, and their concatenation is sorted and counted in runs. An outlet whose
 * text is too long for one task's sort is split into buckets by hash, each bucket a task of its own: a hash's every
 * occurrence falls in the same bucket, so the counts stay exact.
 */
final class DocumentCounts {
  /** About 4 million hashes (32 MB of longs) per bucket: the sequences of at most this many characters of text. */
  static final long CHARS_PER_BUCKET = 20_000_000L;

  static final StructType RESULT = new StructType()
      .add("outlet", DataTypes.StringType, true)
      .add("h", DataTypes.LongType, false);

  private DocumentCounts() {
  }

  /**
   * (outlet, h) for each hash in at least _needed of the outlet's documents. hashes: outlet, _h (the document's
   * distinct hashes, array of long); outlets: outlet, _needed (int), _chars (its text's length, long).
   */
  static Dataset<Row> frequent(Dataset<Row> hashes, Dataset<Row> outlets) {
    return frequent(hashes, outlets, CHARS_PER_BUCKET);
  }

  static Dataset<Row> frequent(Dataset<Row> hashes, Dataset<Row> outlets, long charsPerBucket) {
    Dataset<Row> buckets = outlets.select(col("outlet"), col("_needed").cast("int").as("_needed"),
        greatest(lit(1L), ceil(col("_chars").divide(charsPerBucket))).cast("int").as("_buckets"));
    Dataset<Row> split = hashes.join(broadcast(buckets), "outlet")
        .withColumn("_bucket", explode(sequence(lit(0), col("_buckets").minus(1))))
        .withColumn("_h", when(col("_buckets").equalTo(1), col("_h"))
            .otherwise(expr("filter(_h, x -> pmod(shiftright(x, 1), _buckets) = _bucket)")))
        .select("outlet", "_bucket", "_needed", "_h");
    return split.repartition(col("outlet"), col("_bucket"))
        .sortWithinPartitions("outlet", "_bucket")
        .mapPartitions(new CountRuns(), Encoders.row(RESULT));
  }

  /** Rows sorted by (outlet, bucket): each group's hashes, sorted, and the runs at least as long as needed. */
  private static final class CountRuns implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      List<Row> out = new ArrayList<>();
      String outlet = null;
      int bucket = -1;
      int needed = 0;
      long[] buf = new long[1024];
      int size = 0;
      boolean started = false;
      while (rows.hasNext()) {
        Row r = rows.next();
        String o = r.getString(0);
        int b = r.getInt(1);
        if (started && (b != bucket || !java.util.Objects.equals(o, outlet))) {
          emit(outlet, buf, size, needed, out);
          size = 0;
        }
        started = true;
        outlet = o;
        bucket = b;
        needed = r.getInt(2);
        scala.collection.Seq<Object> h = r.getSeq(3);
        if (h == null) {
          continue;
        }
        if (size + h.size() > buf.length) {
          buf = Arrays.copyOf(buf, Math.max(2 * buf.length, size + h.size()));
        }
        for (scala.collection.Iterator<Object> it = h.iterator(); it.hasNext(); ) {
          buf[size++] = (Long) it.next();
        }
      }
      if (started) {
        emit(outlet, buf, size, needed, out);
      }
      return out.iterator();
    }

    private static void emit(String outlet, long[] buf, int size, int needed, List<Row> out) {
      Arrays.sort(buf, 0, size);
      for (int i = 0; i < size; ) {
        int j = i;
        while (j < size && buf[j] == buf[i]) {
          j++;
        }
        if (j - i >= needed) {
          out.add(RowFactory.create(outlet, buf[i]));
        }
        i = j;
      }
    }
  }
}
