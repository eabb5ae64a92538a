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
import org.apache.spark.unsafe.types.UTF8String;
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
    // One shuffle: rows hash-partitioned by document (Murmur3, the same on every cluster); documents() then orders
    // each partition's documents and their terms, so that a seed draws the same sample wherever the job runs.
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

  /**
   * A partition's rows (doc_id, outlet, word id, count), in any order, become its documents: in the order Spark sorts
   * their ids (unsigned UTF-8 bytes), each with its word ids ascending, one entry per token. Grouped here rather than
   * by sortWithinPartitions: Spark 4.1's SortExec keeps each executor thread's last sorter in a ThreadLocal
   * (SPARK-52609), and with it, through the rows its comparator last compared, that sorter's memory pages; the
   * persisted documents' plan keeps the ThreadLocal alive for the whole fit (on 20 Newsgroups, two 32 MB pages on each
   * of the two threads). A partition's documents are held whole here in any case, as the sampler holds them.
   */
  private static java.util.Iterator<TopicDoc> documents(java.util.Iterator<Row> rows) {
    Map<String, Terms> byId = new HashMap<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      byId.computeIfAbsent(r.getString(0), k -> new Terms(r.getString(1))).add(r.getInt(2), r.getInt(3));
    }
    List<UTF8String> ids = new ArrayList<>(byId.size());
    for (String id : byId.keySet()) {
      ids.add(UTF8String.fromString(id));
    }
    java.util.Collections.sort(ids);   // Spark's own string order
    List<TopicDoc> out = new ArrayList<>(ids.size());
    for (UTF8String u : ids) {
      String id = u.toString();
      Terms t = byId.remove(id);
      out.add(new TopicDoc(id, t.outlet, t.words()));
    }
    return out.iterator();
  }

  /** One document's (word id, count) pairs as they arrive, each packed in a long with the id in the high half. */
  private static final class Terms {
    final String outlet;
    long[] pairs = new long[16];
    int n;
    long tokens;

    Terms(String outlet) {
      this.outlet = outlet;
    }

    void add(int word, int count) {
      if (n == pairs.length) {
        pairs = Arrays.copyOf(pairs, 2 * n);
      }
      pairs[n++] = (long) word << 32 | count;
      tokens += count;
    }

    /** Its word ids ascending, each repeated as often as the document has it. */
    int[] words() {
      Arrays.sort(pairs, 0, n);
      int[] words = new int[Math.toIntExact(tokens)];
      int at = 0;
      for (int i = 0; i < n; i++) {
        int word = (int) (pairs[i] >>> 32);
        for (int c = (int) pairs[i]; c > 0; c--) {
          words[at++] = word;
        }
      }
      return words;
    }
  }

  public void release() {
    docs.unpersist(false);
  }
}
