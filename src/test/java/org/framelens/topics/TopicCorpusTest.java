package org.framelens.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.framelens.TestSpark;
import org.junit.jupiter.api.Test;

class TopicCorpusTest {
  @Test
  void partitionsFollowTheCorpusSizeAndBoundTheTokensOfEach() {
    assertEquals(1, TopicCorpus.partitionsFor(0, 8));
    assertEquals(1, TopicCorpus.partitionsFor(249_999, 8));
    assertEquals(2, TopicCorpus.partitionsFor(250_000, 2));
    // AllSides (18,464,694 tokens) on 2 cores: the parallelism, as before the bound.
    assertEquals(2, TopicCorpus.partitionsFor(18_464_694, 2));
    assertEquals(2, TopicCorpus.partitionsFor(20_000_000, 2));
    assertEquals(3, TopicCorpus.partitionsFor(20_000_001, 2));
    // 4x AllSides (59,717,944 tokens): six partitions of at most ten million tokens.
    assertEquals(6, TopicCorpus.partitionsFor(59_717_944, 2));
    assertEquals(16, TopicCorpus.partitionsFor(59_717_944, 16));
  }

  /**
   * The sampler's draws follow the order of the documents and of their tokens, so that order is part of what a seed
   * reproduces: documents in the order Spark sorts their ids, each document's words ascending and repeated by count,
   * whatever order doc_terms's rows come in. Two of the ids sort one way as Java strings and the other as Spark's
   * UTF-8 bytes (U+FF21 is one UTF-16 unit above the surrogates of U+1D400, but its UTF-8 bytes sort below).
   */
  @Test
  void documentsComeInSparksIdOrderWithTheirWordsAscending() {
    SparkSession spark = TestSpark.get();
    String fullwidth = "\uFF21";
    String mathBold = "\uD835\uDC00";
    List<Row> rows = new ArrayList<>();
    // doc_id, outlet, term, n, count, tf, tfidf; rows deliberately out of document and term order.
    rows.add(RowFactory.create("b", "X", "gamma", 1, 2, 0.0, 0.0));
    rows.add(RowFactory.create(mathBold, "Y", "alpha", 1, 1, 0.0, 0.0));
    rows.add(RowFactory.create("a", "X", "gamma", 1, 1, 0.0, 0.0));
    rows.add(RowFactory.create(fullwidth, "Y", "beta", 1, 3, 0.0, 0.0));
    rows.add(RowFactory.create("b", "X", "alpha", 1, 1, 0.0, 0.0));
    rows.add(RowFactory.create("a", "X", "alpha", 1, 2, 0.0, 0.0));
    rows.add(RowFactory.create("a", "X", "not in the vocabulary", 1, 5, 0.0, 0.0));
    rows.add(RowFactory.create("a", "X", "beta gamma", 2, 1, 0.0, 0.0));
    rows.add(RowFactory.create("c", "Z", "beta", 1, 1, 0.0, 0.0));
    StructType schema = new StructType().add("doc_id", "string", false).add("outlet", "string", false)
        .add("term", "string", false).add("n", "int", false).add("count", "int", false)
        .add("tf", "double", false).add("tfidf", "double", false);
    Dataset<Row> docTerms = spark.createDataFrame(rows, schema).repartition(3);
    TopicOptions o = new TopicOptions();
    o.phrases = false;

    List<TopicDoc> docs = TopicCorpus.over(spark, docTerms, o, List.of("alpha", "beta", "gamma"), 1).docs.collect();

    List<String> sparkOrder = spark.createDataset(List.of("a", "b", "c", fullwidth, mathBold), Encoders.STRING())
        .orderBy("value").collectAsList();
    assertEquals(sparkOrder, docs.stream().map(TopicDoc::id).toList());
    assertEquals(List.of("a", "b", "c", fullwidth, mathBold), sparkOrder, "the ids that tell the two orders apart");
    assertArrayEquals(new int[] {0, 0, 2}, docs.get(0).words());
    assertArrayEquals(new int[] {0, 2, 2}, docs.get(1).words());
    assertArrayEquals(new int[] {1}, docs.get(2).words());
    assertArrayEquals(new int[] {1, 1, 1}, docs.get(3).words());
    assertArrayEquals(new int[] {0}, docs.get(4).words());
    assertEquals(List.of("X", "X", "Z", "Y", "Y"), docs.stream().map(TopicDoc::outlet).toList());
  }
}
