package org.framelens.events;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.framelens.linking.Components;

/**
 * Groups documents into events in three steps, none of which compares all pairs of the corpus.
 * <ol>
 *   <li>Blocking: each document's --event-key-terms heaviest features are its keys; two documents become a candidate
 *       pair when they share a key and are published within --event-window-days (keys are joined within time blocks
 *       of that width and their neighbours; an undated document's keys are joined with every document's). A key held
 *       by more than --event-block-max documents of a block is too common to propose pairs and is dropped.</li>
 *   <li>Similarity: the exact cosine of each candidate pair's {@link DocumentVectors}; a pair with an undated document
 *       is kept only at --event-undated-similarity or more, and two undated documents of one outlet are none.</li>
 *   <li>Grouping: the connected components (GraphX) of the pairs at --event-similarity or more bound the clusters;
 *       inside each one, in one task, {@link Linkage} merges by average linkage at the same threshold.</li>
 * </ol>
 */
final class EventMatcher {
  private EventMatcher() {}

  static final StructType ASSIGNMENTS = new StructType()
      .add("node", DataTypes.LongType, false).add("cluster", DataTypes.LongType, false)
      .add("centre", DataTypes.LongType, false).add("cohesion", DataTypes.DoubleType, false)
      .add("size", DataTypes.IntegerType, false);

  private static int spread(Dataset<Row> d) {
    return Math.max(1, d.sparkSession().sparkContext().defaultParallelism() * 3);
  }

  /** What blocking found, for the manifest. */
  record Blocking(Dataset<Row> pairs, long droppedBlocks) {}

  /**
   * a, b (vids, a &lt; b): the candidate pairs.
   *
   * @param features vid, day (null when undated), f, w
   */
  static Blocking candidates(Dataset<Row> features, EventOptions o) {
    Dataset<Row> keys = features
        .withColumn("_r", row_number().over(Window.partitionBy("vid").orderBy(col("w").desc(), col("f"))))
        .filter(col("_r").leq(o.keyTerms)).drop("_r", "w")
        .coalesce(spread(features)).persist(StorageLevel.MEMORY_AND_DISK());
    int width = Math.max(o.windowDays, 1);
    Dataset<Row> dated = keys.filter(col("day").isNotNull())
        .withColumn("block", floor(col("day").divide(width)).cast("long"));
    Dataset<Row> blockSizes = dated.groupBy("f", "block").agg(count(lit(1)).as("_n"));
    long dropped = blockSizes.filter(col("_n").gt(o.blockMax)).count();
    Dataset<Row> kept = dated.join(blockSizes.filter(col("_n").leq(o.blockMax)).drop("_n"), new String[] {"f", "block"});
    Dataset<Row> left = kept.select(col("f"), col("block"), col("vid").as("a"), col("day").as("day_a"));
    Dataset<Row> right = kept.select(col("f"), explode(array(col("block").minus(1), col("block"), col("block").plus(1)))
        .as("block"), col("vid").as("b"), col("day").as("day_b"));
    Dataset<Row> datedPairs = left.join(right, new String[] {"f", "block"})
        .filter(col("a").lt(col("b")).and(abs(col("day_a").minus(col("day_b"))).leq(o.windowDays)))
        .select("a", "b");

    // Undated documents: their keys against every document's, among keys not too common in the whole corpus.
    Dataset<Row> corpusSizes = keys.groupBy("f").agg(count(lit(1)).as("_n"));
    dropped += corpusSizes.filter(col("_n").gt(o.blockMax)).join(keys.filter(col("day").isNull()), "f").select("f")
        .distinct().count();
    Dataset<Row> common = keys.join(corpusSizes.filter(col("_n").leq(o.blockMax)).drop("_n"), "f");
    Dataset<Row> undated = common.filter(col("day").isNull()).select(col("f"), col("vid").as("u"));
    Dataset<Row> undatedPairs = undated.join(common.select(col("f"), col("vid").as("v"), col("day")), "f")
        .filter(col("u").notEqual(col("v")).and(col("day").isNotNull().or(col("u").lt(col("v")))))
        .select(least(col("u"), col("v")).as("a"), greatest(col("u"), col("v")).as("b"));
    Dataset<Row> pairs = datedPairs.union(undatedPairs).distinct();
    return new Blocking(pairs, dropped);
  }

  /**
   * a, b, sim: the candidate pairs worth keeping, with their cosine.
   *
   * Two undated documents of one outlet are never a pair: with no date, what their texts share is as often the
   * outlet's page as the story (on the full AllSides corpus, 28 undated Time Magazine pages that share a list of
   * countries made one 30-document "event").
   *
   * @param vectors vid, undated (boolean), outlet, features
   */
  static Dataset<Row> similarities(Dataset<Row> pairs, Dataset<Row> vectors, EventOptions o) {
    var cosine = udf(DocumentVectors.COSINE, DataTypes.DoubleType);
    Dataset<Row> va = vectors.select(col("vid").as("a"), col("undated").as("ua"), col("outlet").as("oa"), col("features").as("fa"));
    Dataset<Row> vb = vectors.select(col("vid").as("b"), col("undated").as("ub"), col("outlet").as("ob"), col("features").as("fb"));
    return pairs.join(va, "a").join(vb, "b")
        .filter(not(col("ua").and(col("ub")).and(col("oa").eqNullSafe(col("ob")))))
        .select(col("a"), col("b"), col("ua").or(col("ub")).as("undated"), cosine.apply(col("fa"), col("fb")).as("sim"))
        .filter(not(col("undated")).or(col("sim").geq(o.undatedSimilarity)))
        .select("a", "b", "sim");
  }

  /**
   * node, cluster, centre, cohesion, size: every document that is in a pair at the threshold, with its cluster (the
   * smallest vid of its members), the cluster's medoid and mean pair similarity. The dated members of a cluster span
   * at most --event-window-days.
   *
   * @param days vid, day (null when undated)
   */
  static Dataset<Row> clusters(SparkSession spark, Dataset<Row> edges, Dataset<Row> days, EventOptions o) {
    Dataset<Row> strong = edges.filter(col("sim").geq(o.similarity));
    Dataset<Row> component = Components.of(spark, strong, spread(edges));
    // Every candidate pair inside a component takes part in the means, also those below the threshold.
    Dataset<Row> inside = edges
        .join(component.select(col("vid").as("a"), col("comp")), "a")
        .join(component.select(col("vid").as("b"), col("comp").as("comp_b")), "b")
        .filter(col("comp").equalTo(col("comp_b")));
    var link = udf((UDF3<scala.collection.Seq<Row>, Double, Integer, List<Row>>) (es, threshold, maxSpan) -> {
      int m = es.size();
      long[] a = new long[m];
      long[] b = new long[m];
      double[] s = new double[m];
      int[] da = new int[m];
      int[] db = new int[m];
      for (int i = 0; i < m; i++) {
        Row r = es.apply(i);
        a[i] = r.getLong(0);
        b[i] = r.getLong(1);
        s[i] = r.getDouble(2);
        da[i] = r.isNullAt(3) ? Linkage.UNDATED : r.getInt(3);
        db[i] = r.isNullAt(4) ? Linkage.UNDATED : r.getInt(4);
      }
      List<Row> out = new ArrayList<>();
      for (Linkage.Assignment x : Linkage.cluster(a, b, s, da, db, threshold, maxSpan)) {
        out.add(RowFactory.create(x.node(), x.cluster(), x.centre(), x.cohesion(), x.size()));
      }
      return out;
    }, DataTypes.createArrayType(ASSIGNMENTS, false));
    Column edgeList = sort_array(collect_list(struct(col("a"), col("b"), col("sim"), col("day_a"), col("day_b"))));
    return inside.join(days.select(col("vid").as("a"), col("day").as("day_a")), "a")
        .join(days.select(col("vid").as("b"), col("day").as("day_b")), "b")
        .groupBy("comp").agg(edgeList.as("e"))
        .select(explode(link.apply(col("e"), lit(o.similarity), lit(o.windowDays))).as("x"))
        .select("x.*");
  }
}
