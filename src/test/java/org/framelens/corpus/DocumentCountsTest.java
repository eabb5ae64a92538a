package org.framelens.corpus;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.framelens.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * Random documents of three outlets draw hashes from small pools, so that many recur; the expected frequent hashes
 * are counted here with a plain map per outlet. An outlet split into buckets must give the same answer as one task.
 */
class DocumentCountsTest {
  private static final StructType DOCS = new StructType().add("outlet", DataTypes.StringType, true)
      .add("_h", DataTypes.createArrayType(DataTypes.LongType), true);
  private static final StructType OUTLETS = new StructType().add("outlet", DataTypes.StringType, true)
      .add("_needed", DataTypes.IntegerType, false).add("_chars", DataTypes.LongType, false);

  @Test
  void findsExactlyTheHashesInEnoughDocumentsOfOneOutlet() {
    SparkSession spark = TestSpark.get();
    Random random = new Random(7);
    String[] outlets = {"A", "B", "C"};
    int[] needed = {3, 5, 2};
    List<Row> docs = new ArrayList<>();
    Map<String, Map<Long, Integer>> counts = new HashMap<>();
    for (int d = 0; d < 300; d++) {
      String outlet = outlets[d % 3];
      Set<Long> hashes = new HashSet<>();
      for (int k = 0; k < 20; k++) {
        // Negative and odd hashes too: the bucket of a hash must not depend on its sign or its lowest bit.
        hashes.add((long) random.nextInt(400) * 0x9E3779B97F4A7C15L);
      }
      hashes.forEach(h -> counts.computeIfAbsent(outlet, o -> new HashMap<>()).merge(h, 1, Integer::sum));
      docs.add(RowFactory.create(outlet, hashes.stream().mapToLong(Long::longValue).sorted().boxed().toList()));
    }
    docs.add(RowFactory.create("C", null));   // a document with no text has no hashes
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      String outlet = outlets[i];
      int n = needed[i];
      counts.get(outlet).forEach((h, c) -> {
        if (c >= n) {
          expected.add(outlet + " " + h);
        }
      });
    }
    assertTrue(expected.size() > 100 && expected.size() < 1100, "the pools make some hashes frequent, not all");
    Dataset<Row> hashes = spark.createDataFrame(docs, DOCS);
    for (long charsPerBucket : new long[] {DocumentCounts.CHARS_PER_BUCKET, 1_000}) {
      List<Row> perOutlet = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        perOutlet.add(RowFactory.create(outlets[i], needed[i], 2_500L));   // 3 buckets when 1,000 chars make one
      }
      Set<String> found = new HashSet<>();
      for (Row r : DocumentCounts.frequent(hashes, spark.createDataFrame(perOutlet, OUTLETS), charsPerBucket)
          .collectAsList()) {
        assertTrue(found.add(r.getString(0) + " " + r.getLong(1)), "each hash once per outlet: " + r);
      }
      assertEquals(expected, found, "buckets of " + charsPerBucket + " characters");
    }
  }
}
