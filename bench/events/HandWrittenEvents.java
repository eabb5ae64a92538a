/*
 * The events benchmark's peer: the story-matching job a Spark user writes by hand with stock Spark ML, as issue 19
 * describes it. Deliberately plain: default Spark settings, stock transformers, no tuning beyond the threshold.
 *
 *   java <spark --add-opens list> -Xmx8g -cp "$(cat target/runtime-classpath.txt)" \
 *        bench/events/HandWrittenEvents.java <documents parquet dir> <output dir> <cosine>[,<cosine>...]
 *
 * Pipeline: framelens's documents table (the counted documents: duplicate_of null) -> RegexTokenizer(\W+,
 * lower-case) -> StopWordsRemover(English) -> HashingTF(2^18) -> IDF -> Normalizer(L2) ->
 * BucketedRandomProjectionLSH(bucketLength 1, 5 hash tables).approxSimilarityJoin at the Euclidean distance of each
 * cosine (for unit vectors d = sqrt(2 - 2 cos)) -> connected components of the joined pairs (GraphX, its edges in
 * as many partitions as cores: the one step not left at Spark's defaults, in the peer's favour) ->
 * <output>/c<cosine>/ (event_id, doc_id): one row per document in a component of 2 or more.
 *
 * Several thresholds share the features and the widest join, so that one run finds the threshold that maximises the
 * peer's own F1; bench/events/run.sh times the run at the chosen threshold alone. Prints "STEP <name> <seconds>".
 */

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.graphx.Graph;
import org.apache.spark.graphx.lib.ConnectedComponents;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.BucketedRandomProjectionLSH;
import org.apache.spark.ml.feature.BucketedRandomProjectionLSHModel;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

public class HandWrittenEvents {
  public static void main(String[] args) {
    String documents = args[0];
    String out = args[1];
    List<Double> cosines = new ArrayList<>();
    for (String c : args[2].split(",")) {
      cosines.add(Double.parseDouble(c));
    }
    SparkSession spark = SparkSession.builder().appName("hand-written-events").master("local[*]").getOrCreate();
    long t0 = System.nanoTime();

    Dataset<Row> docs = spark.read().parquet(documents).filter(col("duplicate_of").isNull())
        .select(col("doc_id").as("id"), col("text"));
    PipelineModel features = new Pipeline().setStages(new PipelineStage[] {
        new RegexTokenizer().setInputCol("text").setOutputCol("tokens").setPattern("\\W+").setToLowercase(true),
        new StopWordsRemover().setInputCol("tokens").setOutputCol("words"),
        new HashingTF().setInputCol("words").setOutputCol("tf").setNumFeatures(1 << 18),
        new IDF().setInputCol("tf").setOutputCol("tfidf"),
        new Normalizer().setInputCol("tfidf").setOutputCol("features").setP(2.0)}).fit(docs);
    Dataset<Row> vectors = features.transform(docs).select("id", "features").cache();
    long n = vectors.count();
    step("features", t0);

    long t1 = System.nanoTime();
    BucketedRandomProjectionLSHModel lsh = new BucketedRandomProjectionLSH().setInputCol("features")
        .setOutputCol("hashes").setBucketLength(1.0).setNumHashTables(5).setSeed(42).fit(vectors);
    double lowest = cosines.stream().min(Double::compare).orElseThrow();
    Dataset<Row> pairs = lsh.approxSimilarityJoin(vectors, vectors, Math.sqrt(2 - 2 * lowest), "distance")
        .select(col("datasetA.id").as("a"), col("datasetB.id").as("b"), col("distance"))
        .filter(col("a").lt(col("b")))
        .persist(StorageLevel.MEMORY_AND_DISK());
    long joined = pairs.count();
    step("similarity_join", t1);

    for (double c : cosines) {
      long t2 = System.nanoTime();
      Dataset<Row> kept = pairs.filter(col("distance").leq(Math.sqrt(2 - 2 * c)));
      Dataset<Row> ids = kept.select(col("a").as("id")).union(kept.select(col("b").as("id"))).distinct()
          .withColumn("vid", org.apache.spark.sql.functions.xxhash64(col("id")));
      // Dataset maps only: a single-file program's lambdas do not deserialize inside JavaRDD.map.
      @SuppressWarnings({"unchecked", "rawtypes"})
      org.apache.spark.rdd.RDD<Tuple2<Object, Object>> edges = (org.apache.spark.rdd.RDD) kept
          .select(org.apache.spark.sql.functions.xxhash64(col("a")), org.apache.spark.sql.functions.xxhash64(col("b")))
          .as(Encoders.tuple(Encoders.LONG(), Encoders.LONG()))
          .coalesce(spark.sparkContext().defaultParallelism()).rdd();   // GraphX over 200 near-empty partitions crawls
      ClassTag<Object> any = ClassTag$.MODULE$.Any();
      Graph<Object, Object> g = Graph.fromEdgeTuples(edges, (Object) 0, scala.Option.empty(),
          StorageLevel.MEMORY_AND_DISK(), StorageLevel.MEMORY_AND_DISK(), any);
      @SuppressWarnings({"unchecked", "rawtypes"})
      org.apache.spark.rdd.RDD<Tuple2<Long, Long>> vertices =
          (org.apache.spark.rdd.RDD) ConnectedComponents.run(g, any, ClassTag$.MODULE$.Int()).vertices();
      Dataset<Row> component = spark.createDataset(vertices, Encoders.tuple(Encoders.LONG(), Encoders.LONG()))
          .toDF("vid", "comp").withColumn("event_id", col("comp").cast("string"));
      ids.join(component, "vid").select(col("event_id"), col("id").as("doc_id"))
          .write().mode("overwrite").parquet(out + String.format(Locale.ROOT, "/c%.2f", c));
      step(String.format(Locale.ROOT, "components_c%.2f", c), t2);
    }
    System.out.printf(Locale.ROOT, "COUNTS documents=%d joined_pairs=%d%n", n, joined);
    spark.stop();
  }

  private static void step(String name, long t0) {
    System.out.printf(Locale.ROOT, "STEP %s %.2f%n", name, (System.nanoTime() - t0) / 1e9);
  }
}
