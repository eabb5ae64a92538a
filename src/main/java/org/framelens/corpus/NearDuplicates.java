package org.framelens.corpus;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.*;

import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.framelens.linking.Components;

/**
 * Exact and near copies of one text (wire stories run by several outlets, updated versions of one story), under one
 * policy. Texts are compared as sets of word shingles (--shingle-words consecutive lower-cased words); two texts
 * whose sets have a Jaccard similarity of at least --near-duplicate-jaccard are near-duplicates. Candidates come from
 * Spark ML's MinHashLSH (no all-pairs comparison: a pair is a candidate when one of its MinHash values agrees), and
 * each candidate's exact Jaccard decides; a group is a
 * connected component of the near-duplicate pairs, so an updated version of an updated version joins its original.
 * Exact copies (equal content_hash) are compared once, through one of them, and always share a group; a text too
 * short for one shingle has a group only through its exact copies.
 *
 * <p>The group's first document is its earliest (dated before undated, then by doc_id). Within one outlet only the
 * earliest copy counts; across outlets each outlet's earliest copy counts for that outlet (it chose to run the
 * story), and every document of a group that spans several outlets is marked syndicated. With --drop-syndicated only
 * the group's first document counts. A document that does not count points to the copy that does (duplicate_of).
 */
final class NearDuplicates {
  private NearDuplicates() {}

  /** Fixed: the same corpus gives the same groups on every run. */
  private static final long SEED = 20190408L;
  /** Below MinHashLSH's prime (2038074743): shingle indices must be smaller. 2^30 buckets make collisions rare. */
  private static final int BUCKETS = 1 << 30;

  /** The marked documents, and the cached groups they are joined with: release them once the documents are written. */
  record Marked(Dataset<Row> documents, Dataset<Row> members, long groups, long pairs) {
    void release() {
      members.unpersist();
    }
  }

  /**
   * Adds content_hash, near_duplicate_group, near_duplicate_jaccard, near_duplicate_outlets, syndicated and
   * duplicate_of to docs (doc_id, outlet, published, text, ...).
   */
  static Marked mark(SparkSession spark, Dataset<Row> docs, IngestOptions o, int partitions) {
    Dataset<Row> hashed = docs.withColumn("content_hash", udf(CONTENT_HASH, DataTypes.StringType).apply(col("text")));
    Dataset<Row> contents = hashed.groupBy("content_hash")
        .agg(min_by(col("text"), col("doc_id")).as("text"), count(lit(1)).as("_copies"))
        .withColumn("rid", xxhash64(col("content_hash")))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Row ids = contents.agg(count(lit(1)), countDistinct("rid"), coalesce(max("_copies"), lit(0L))).first();
    if (ids.getLong(0) != ids.getLong(1)) {
      throw new IllegalStateException("two texts' content hashes share a 64-bit hash; their copies cannot be told apart");
    }
    boolean exactCopies = ids.getLong(2) > 1;
    Dataset<Row> words = new RegexTokenizer().setInputCol("text").setOutputCol("_words")
        .setPattern("[^\\p{L}\\p{N}]+").setGaps(true).setToLowercase(true).transform(contents);
    Dataset<Row> shingled = new NGram().setN(o.shingleWords).setInputCol("_words").setOutputCol("_shingles")
        .transform(words).filter(size(col("_shingles")).gt(0));   // MinHash needs a non-empty set
    Dataset<Row> vectors = new HashingTF().setInputCol("_shingles").setOutputCol("shingles").setNumFeatures(BUCKETS)
        .setBinary(true).transform(shingled).select("rid", "shingles")
        .coalesce(partitions).persist(StorageLevel.MEMORY_AND_DISK());
    MinHashLSHModel lsh = new MinHashLSH().setNumHashTables(o.minhashTables).setSeed(SEED)
        .setInputCol("shingles").setOutputCol("_minhash").fit(vectors);
    // The candidates are the pairs that agree in one MinHash table, joined on ids alone: approxSimilarityJoin would
    // carry both shingle vectors through the join and a distinct(), every document paired with itself in every table
    // (4 minutes on AllSides, where it found 21 pairs).
    var jaccard = udf((UDF2<Vector, Vector, Double>) NearDuplicates::jaccard, DataTypes.DoubleType);
    Dataset<Row> buckets = lsh.transform(vectors).select(col("rid"), posexplode(col("_minhash")).as(new String[] {"table", "h"}))
        .select(col("rid"), col("table"), vector_to_array(col("h"), "float64").getItem(0).as("h"));
    Dataset<Row> pairs = buckets.select(col("table"), col("h"), col("rid").as("a"))
        .join(buckets.select(col("table"), col("h"), col("rid").as("b")), new String[] {"table", "h"})
        .filter(col("a").lt(col("b"))).select("a", "b").distinct()
        .join(vectors.select(col("rid").as("a"), col("shingles").as("_sa")), "a")
        .join(vectors.select(col("rid").as("b"), col("shingles").as("_sb")), "b")
        .filter(jaccard.apply(col("_sa"), col("_sb")).geq(o.nearDuplicateJaccard))
        .select("a", "b")
        .persist(StorageLevel.MEMORY_AND_DISK());
    long nPairs = pairs.count();
    if (nPairs == 0 && !exactCopies) {
      // No near pair and no two equal texts: every group would have one document, and a group needs two, so the
      // search for groups (connected components, each outlet's earliest copy) has nothing to find. Skipping its
      // queries is most of this step's cost on a small corpus; the columns are what it would have given.
      pairs.unpersist();
      vectors.unpersist();
      contents.unpersist();
      Dataset<Row> alone = hashed
          .withColumn("near_duplicate_group", lit(null).cast(DataTypes.StringType))
          .withColumn("near_duplicate_jaccard", lit(null).cast(DataTypes.DoubleType))
          .withColumn("near_duplicate_outlets", lit(null).cast(DataTypes.createArrayType(DataTypes.StringType)))
          .withColumn("duplicate_of", lit(null).cast(DataTypes.StringType))
          .withColumn("syndicated", lit(false));
      return new Marked(alone, spark.emptyDataFrame(), 0, 0);
    }
    Dataset<Row> components = Components.of(spark, pairs, partitions);
    Dataset<Row> contentGroup = contents.select(col("content_hash"), col("rid"))
        .join(components, col("rid").equalTo(col("vid")), "left")
        .select(col("content_hash"), coalesce(col("comp"), col("rid")).as("_comp"));
    Dataset<Row> withGroup = hashed.select("doc_id", "outlet", "published", "content_hash").join(contentGroup, "content_hash");

    Column earliest = struct(col("published").isNull().as("undated"), col("published"), col("doc_id"), col("content_hash"));
    Dataset<Row> groups = withGroup.groupBy("_comp")
        .agg(count(lit(1)).as("_n"), min(earliest).as("_first"), array_sort(collect_set("outlet")).as("near_duplicate_outlets"))
        .filter(col("_n").gt(1)).drop("_n");
    Dataset<Row> inGroups = withGroup.join(groups, "_comp");
    Dataset<Row> outletFirsts = inGroups.groupBy("_comp", "outlet").agg(min(earliest).as("_outlet_first"));
    Dataset<Row> own = vectors.select(col("rid").as("_own"), col("shingles").as("_a"));
    Dataset<Row> first = vectors.select(col("rid").as("_of_first"), col("shingles").as("_b"));
    Column counted = o.dropSyndicated ? col("_first.doc_id") : col("_outlet_first.doc_id");
    Dataset<Row> members = inGroups.join(outletFirsts, new String[] {"_comp", "outlet"})
        .withColumn("_own", xxhash64(col("content_hash")))
        .withColumn("_of_first", xxhash64(col("_first.content_hash")))
        .join(own, new String[] {"_own"}, "left")
        .join(first, new String[] {"_of_first"}, "left")
        .select(col("doc_id"),
            col("_first.doc_id").as("near_duplicate_group"),
            when(col("content_hash").equalTo(col("_first.content_hash")), lit(1.0))
                .otherwise(jaccard.apply(col("_a"), col("_b"))).as("near_duplicate_jaccard"),
            col("near_duplicate_outlets"),
            when(col("doc_id").notEqual(counted), counted).as("duplicate_of"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    long nGroups = members.select("near_duplicate_group").distinct().count();   // materialises the cache
    pairs.unpersist();
    vectors.unpersist();
    contents.unpersist();
    Dataset<Row> marked = hashed.join(members, new String[] {"doc_id"}, "left")
        .withColumn("syndicated", coalesce(size(col("near_duplicate_outlets")).gt(1), lit(false)));
    return new Marked(marked, members, nGroups, nPairs);
  }

  /**
   * SHA-256 (hex) of the text with its line breaks as spaces: the text is already normalised (single spaces, \n and
   * \n\n), so that collapses every whitespace run. The same digest as Spark's sha2(translate(replace(text, "\n\n",
   * "\n"), "\n", " "), 256): Spark's translate looks up a map for each character, and took a fifth of ingest's CPU
   * time on two AllSides shards.
   */
  static final UDF1<String, String> CONTENT_HASH = text -> {
    if (text == null) {
      return null;
    }
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(text.replace("\n\n", "\n").replace('\n', ' ').getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  };

  /** |A ∩ B| / |A ∪ B| of two binary vectors' index sets (HashingTF keeps them sorted); null without both. */
  static Double jaccard(Vector a, Vector b) {
    if (a == null || b == null) {
      return null;
    }
    int[] x = a.toSparse().indices();
    int[] y = b.toSparse().indices();
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < x.length && j < y.length) {
      if (x[i] == y[j]) {
        common++;
        i++;
        j++;
      } else if (x[i] < y[j]) {
        i++;
      } else {
        j++;
      }
    }
    int union = x.length + y.length - common;
    return union == 0 ? null : (double) common / union;
  }
}
