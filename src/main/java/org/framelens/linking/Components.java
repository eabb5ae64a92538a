package org.framelens.linking;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.graphx.Graph;
import org.apache.spark.graphx.lib.ConnectedComponents;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/** The connected components of an undirected graph given as pairs of long ids, by GraphX. */
public final class Components {
  private Components() {}

  public static final StructType SCHEMA = new StructType()
      .add("vid", DataTypes.LongType, false).add("comp", DataTypes.LongType, false);

  /**
   * vid, comp: every id that is in a pair, with its component's smallest id. Reads {@code pairs} once more to see
   * whether it is empty: give a persisted one.
   *
   * @param pairs two long columns, a and b
   * @param partitions the edges are coalesced to this many partitions first: GraphX runs a superstep per hop of the
   *     longest path, and each superstep over a shuffle's many near-empty partitions is a crowd of idle tasks
   */
  public static Dataset<Row> of(SparkSession spark, Dataset<Row> pairs, int partitions) {
    if (pairs.isEmpty()) {
      // GraphX would still build the graph and run its supersteps' jobs: seconds on a corpus with no pair at all.
      return spark.createDataFrame(java.util.List.of(), SCHEMA);
    }
    JavaRDD<Tuple2<Object, Object>> tuples = pairs.select("a", "b").coalesce(partitions).javaRDD()
        .map(r -> new Tuple2<>((Object) r.getLong(0), (Object) r.getLong(1)));
    ClassTag<Object> any = ClassTag$.MODULE$.Any();
    ClassTag<Object> edgeTag = ClassTag$.MODULE$.Int();   // fromEdgeTuples gives every edge the attribute 1
    Graph<Object, Object> graph = Graph.fromEdgeTuples(tuples.rdd(), (Object) 0, scala.Option.empty(),
        StorageLevel.MEMORY_AND_DISK(), StorageLevel.MEMORY_AND_DISK(), any);
    JavaRDD<Row> comps = ConnectedComponents.run(graph, any, edgeTag).vertices().toJavaRDD()
        .map(t -> RowFactory.create((Long) t._1(), (Long) t._2()));
    return spark.createDataFrame(comps, SCHEMA);
  }
}
