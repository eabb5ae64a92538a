package org.framelens.events;

import static org.apache.spark.sql.functions.*;

import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.framelens.linking.Components;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups documents into events in three steps, none of which compares all pairs of the corpus.
 * <ol>
 *   <li>Blocking: each document's --event-key-terms heaviest features are its keys; two documents become a candidate
 *       pair when they share a key and are published within --event-window-days (keys are joined within time blocks
 *       of that width and their neighbours; an undated document's keys are joined with every document's). A key held
 *       by more than --event-block-max documents of a block is too common to propose pairs and is dropped.</li>
 *   <li>Similarity: the exact cosine of each candidate pair's {@link DocumentVectors}; a pair with an undated document
 *       is kept only at --event-undated-similarity or more, and two undated documents of one outlet are none.</li>
 *   <li>Grouping: the connected components (GraphX) of the pairs at --event-similarity or more bound the clusters
 *       (one larger than --event-component-max documents is split by {@link ComponentSplit}); inside each one, in
 *       one task, {@link Linkage} merges by average linkage at the same threshold.</li>
 * </ol>
 */
final class EventMatcher {
  private EventMatcher() {}

  private static final Logger LOG = LoggerFactory.getLogger(EventMatcher.class);

  static final StructType ASSIGNMENTS = new StructType()
      .add("node", DataTypes.LongType, false).add("cluster", DataTypes.LongType, false)
      .add("centre", DataTypes.LongType, false).add("cohesion", DataTypes.DoubleType, false)
      .add("size", DataTypes.IntegerType, false);

  private static int spread(Dataset<Row> d) {
    return Math.max(1, d.sparkSession().sparkContext().defaultParallelism() * 3);
  }

  /** What blocking found, for the manifest, and the key table it cached, until the caller unpersists it. */
  record Blocking(Dataset<Row> pairs, long droppedBlocks, Dataset<Row> keys) {}

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
    return new Blocking(pairs, dropped, keys);
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
   * What grouping found: the assignments, and for the manifest the components of the graph at the threshold, the
   * largest, and those split for holding more than --event-component-max documents, with their documents.
   */
  record Grouping(Dataset<Row> assignments, Dataset<Row> components, long count, long largest, long split,
      long splitDocuments) {
    /** What {@link #clusters} gives when there is no candidate pair, without running it. */
    static Grouping none(SparkSession spark) {
      return new Grouping(spark.createDataFrame(java.util.List.<Row>of(), ASSIGNMENTS),
          spark.createDataFrame(java.util.List.<Row>of(), Components.SCHEMA), 0, 0, 0, 0);
    }
  }

  /**
   * node, cluster, centre, cohesion, size: every document that is in a pair at the threshold, with its cluster (the
   * smallest vid of its members), the cluster's medoid and mean pair similarity. The dated members of a cluster span
   * at most --event-window-days. Components of more than --event-component-max documents are first split by
   * {@link ComponentSplit}; the returned components are cached until the caller unpersists them.
   *
   * @param days vid, day (null when undated)
   */
  static Grouping clusters(SparkSession spark, Dataset<Row> edges, Dataset<Row> days, EventOptions o) {
    Dataset<Row> strong = edges.filter(col("sim").geq(o.similarity));
    Dataset<Row> found = Components.of(spark, strong, spread(edges)).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> sizes = found.groupBy("comp").agg(count(lit(1)).as("n"));
    Column over = col("n").gt(o.componentMax);
    Row stats = sizes.agg(count(lit(1)), coalesce(max("n"), lit(0L)), count(when(over, lit(1))),
        coalesce(sum(when(over, col("n"))), lit(0L))).first();
    Dataset<Row> component = found;
    if (stats.getLong(2) > 0) {
      LOG.warn("events: {} connected components hold more than --event-component-max {} documents ({} documents, the "
          + "largest {}); each is split at its weakest pairs until every part is within the bound", stats.getLong(2),
          o.componentMax, stats.getLong(3), stats.getLong(1));
      Dataset<Row> large = sizes.filter(over).select("comp");
      Dataset<Row> largeEdges = strong.join(found.join(large, "comp").select(col("vid").as("a"), col("comp")), "a")
          .select("comp", "a", "b", "sim");
      int bound = o.componentMax;
      Dataset<Row> parts = largeEdges.groupByKey((MapFunction<Row, Long>) r -> r.getLong(0), Encoders.LONG())
          .flatMapGroups((FlatMapGroupsFunction<Long, Row, Row>) (c, rows) -> ComponentSplit.rows(rows, bound),
              Encoders.row(Components.SCHEMA));
      component = found.join(large, new String[] {"comp"}, "left_anti").select("vid", "comp").union(parts)
          .persist(StorageLevel.MEMORY_AND_DISK());
      found.unpersist();
    }
    // Every candidate pair inside a component takes part in the means, also those below the threshold.
    Dataset<Row> inside = edges
        .join(component.select(col("vid").as("a"), col("comp")), "a")
        .join(component.select(col("vid").as("b"), col("comp").as("comp_b")), "b")
        .filter(col("comp").equalTo(col("comp_b")));
    double threshold = o.similarity;
    int maxSpan = o.windowDays;
    Dataset<Row> assignments = inside.join(days.select(col("vid").as("a"), col("day").as("day_a")), "a")
        .join(days.select(col("vid").as("b"), col("day").as("day_b")), "b")
        .select("comp", "a", "b", "sim", "day_a", "day_b")
        .groupByKey((MapFunction<Row, Long>) r -> r.getLong(0), Encoders.LONG())
        .flatMapGroups((FlatMapGroupsFunction<Long, Row, Row>) (c, rows) -> link(EdgeList.read(rows), threshold, maxSpan),
            Encoders.row(ASSIGNMENTS));
    return new Grouping(assignments, component, stats.getLong(0), stats.getLong(1), stats.getLong(2), stats.getLong(3));
  }

  private static Iterator<Row> link(EdgeList e, double threshold, int maxSpan) {
    return Linkage.cluster(e.a, e.b, e.sim, e.dayA, e.dayB, threshold, maxSpan).stream()
        .map(x -> RowFactory.create(x.node(), x.cluster(), x.centre(), x.cohesion(), x.size())).iterator();
  }
}
