package org.framelens.topics;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.framelens.pipeline.StageSkipped;

/**
 * The documents as bags of vocabulary ids, built from doc_terms. The vocabulary (at most --topic-vocabulary terms) is
 * the only list brought to the driver. Documents are hash-partitioned by id and sorted within their partition, so that
 * a seed gives the same sample wherever the job runs, for a given number of partitions.
 */
public final class TopicCorpus {
  /**
   * Below this many tokens, and unless --topic-partitions says otherwise, the corpus is held in one partition, which
   * the Gibbs sampler sweeps in one task (exact collapsed Gibbs, no job per sweep). On this project's 2-core machine
   * one thread sweeps several million tokens a second (8 million on the sample corpus) and a Spark job costs tens of
   * milliseconds to schedule even in local mode: below this size the job per sweep costs more than sampling the
   * partitions in parallel saves.
   */
  public static final long ONE_PARTITION_TOKENS = 250_000;
  /**
   * Above this many tokens a partition is split further than Spark's default parallelism. A partition's sampler state
   * costs about 8 bytes a token (each token's document and topic), cached once per sweep and read back whole from
   * disk when storage memory is short: at 4 times AllSides (60 million tokens) two partitions of 30 million ran a
   * 2 GB driver out of heap while one was deserialised. Ten million tokens keep a block near 80 MB; AllSides
   * itself (18.5 million tokens on 2 cores) is sampled in the same 2 partitions as before, so its sample is unchanged.
   */
  public static final long PARTITION_TOKENS = 10_000_000;

  public final List<String> vocabulary;
  public final JavaRDD<TopicDoc> docs;
  public final int partitions;
  public final long documents;
  public final long tokens;
  /** The largest document frequency admitted into the vocabulary, as a share; NaN over a saved model's vocabulary. */
  public final double maxDf;

  private TopicCorpus(List<String> vocabulary, JavaRDD<TopicDoc> docs, long documents, long tokens, double maxDf) {
    this.maxDf = maxDf;
    this.partitions = docs.getNumPartitions();
    this.vocabulary = vocabulary;
    this.docs = docs;
    this.documents = documents;
    this.tokens = tokens;
  }

  /** Terms of doc_terms the models may use: unigrams, and phrases when asked for. */
  static Dataset<Row> modelledTerms(Dataset<Row> docTerms, TopicOptions o) {
    return o.phrases ? docTerms : docTerms.filter(col("n").equalTo(1));
  }

  /**
   * Chooses the vocabulary by document frequency, then builds the corpus over it in the given number of partitions,
   * or for 0 in as many as {@link #partitionsFor} chooses.
   */
  public static TopicCorpus fit(SparkSession spark, Dataset<Row> docTerms, TopicOptions o, int partitions) {
    Dataset<Row> terms = modelledTerms(docTerms, o);
    long nDocs = terms.select("doc_id").distinct().count();
    if (nDocs < 2) {
      throw new StageSkipped("a topic model needs at least 2 documents with terms; the corpus has " + nDocs);
    }
    double maxDf = o.maxDfFor(nDocs);
    // doc_terms holds one row per document and term, so a term's rows are its document frequency.
    List<String> vocab = terms.groupBy("term").agg(count(lit(1)).as("df"))
        .filter(col("df").geq(o.minDf).and(col("df").leq(Math.max(1.0, maxDf * nDocs))))
        .orderBy(col("df").desc(), col("term"))
        .limit(o.vocabularySize)
        .select("term").as(Encoders.STRING()).collectAsList();
    if (vocab.isEmpty()) {
      throw new StageSkipped(String.format(java.util.Locale.ROOT,
          "no term is in at least %d of the %d documents and at most %.0f%% of them (--topic-min-df, --topic-max-df)",
          o.minDf, nDocs, maxDf * 100));
    }
    return over(spark, docTerms, o, new ArrayList<>(vocab), partitions, maxDf);
  }

  /** The corpus over a given vocabulary (a saved model's): other terms are left out. */
  public static TopicCorpus over(SparkSession spark, Dataset<Row> docTerms, TopicOptions o, List<String> vocab,
      int partitions) {
    return over(spark, docTerms, o, vocab, partitions, Double.NaN);
  }

  private static TopicCorpus over(SparkSession spark, Dataset<Row> docTerms, TopicOptions o, List<String> vocab,
      int partitions, double maxDf) {
    // Terms become ids through a broadcast map, not a broadcast join: the persisted documents' lineage holds its plan
    // on the driver for the whole fit, and a join's plan kept the vocabulary as rows and as a hash relation (on 20
    // Newsgroups, 49,219 terms: 24 MB of the live heap, 19 MB of it the relation's long[] pages; the map takes about 3 MB).
    Map<String, Integer> index = new HashMap<>(2 * vocab.size());
    for (int i = 0; i < vocab.size(); i++) {
      index.put(vocab.get(i), i);
    }
    Broadcast<Map<String, Integer>> ids = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(index);
    UserDefinedFunction id = udf((UDF1<String, Integer>) t -> ids.value().get(t), DataTypes.IntegerType);
    // One shuffle: rows hash-partitioned by document (Murmur3, the same on every cluster) and sorted, so that each
    // document's terms arrive together and in id order.
    Dataset<Row> rows = modelledTerms(docTerms, o)
        .withColumn("_id", id.apply(col("term")))
        .filter(col("_id").isNotNull())
        .select("doc_id", "outlet", "_id", "count");
    int p = partitions;
    if (p == 0) {
      Row total = rows.agg(sum("count")).first();
      p = partitionsFor(total.isNullAt(0) ? 0 : total.getLong(0), spark.sparkContext().defaultParallelism());
    }
    JavaRDD<TopicDoc> docs = rows
        .repartition(p, col("doc_id"))
        .sortWithinPartitions("doc_id", "_id")
        .toJavaRDD()
        .mapPartitions(TopicCorpus::documents, true)
        .persist(StorageLevel.MEMORY_AND_DISK());
    long nDocs = docs.count();
    long tokens = nDocs == 0 ? 0 : docs.map(d -> (long) d.words().length).reduce(Long::sum);
    if (tokens == 0) {
      throw new StageSkipped("no document contains a term of the topic vocabulary");
    }
    return new TopicCorpus(vocab, docs, nDocs, tokens, maxDf);
  }

  /**
   * Partitions for a corpus of this many tokens when --topic-partitions is 0: one below {@link #ONE_PARTITION_TOKENS},
   * else Spark's default parallelism, or more when that would put more than {@link #PARTITION_TOKENS} in one.
   */
  static int partitionsFor(long tokens, int parallelism) {
    if (tokens < ONE_PARTITION_TOKENS) {
      return 1;
    }
    long bySize = (tokens + PARTITION_TOKENS - 1) / PARTITION_TOKENS;
    return (int) Math.max(parallelism, bySize);
  }

  /** Consecutive rows of one document (doc_id, outlet, word id, count) become its token array. */
  private static java.util.Iterator<TopicDoc> documents(java.util.Iterator<Row> rows) {
    List<TopicDoc> out = new ArrayList<>();
    String id = null;
    String outlet = null;
    int[] words = new int[64];
    int n = 0;
    while (rows.hasNext()) {
      Row r = rows.next();
      if (!r.getString(0).equals(id)) {
        if (id != null) {
          out.add(new TopicDoc(id, outlet, Arrays.copyOf(words, n)));
        }
        id = r.getString(0);
        outlet = r.getString(1);
        n = 0;
      }
      int word = r.getInt(2);
      for (int c = r.getInt(3); c > 0; c--) {
        if (n == words.length) {
          words = Arrays.copyOf(words, 2 * n);
        }
        words[n++] = word;
      }
    }
    if (id != null) {
      out.add(new TopicDoc(id, outlet, Arrays.copyOf(words, n)));
    }
    return out.iterator();
  }

  public void release() {
    docs.unpersist(false);
  }
}
