package org.framelens.events;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.framelens.terms.ContentTokens;
import org.framelens.text.AnalysisOptions;
import org.framelens.text.TextAnalyzer;

/**
 * What a document says, as one unit vector of three parts: the tf-idf of its terms (doc_terms: unigrams and
 * phrases), of its title's words, and of the entities it names (when the entities stage ran). Each part is
 * normalised on its own, weighted (the text 1, --event-title-weight, --event-entity-weight) and the whole normalised
 * again, so that the cosine of two documents is the weighted mean of the three cosines. Features are 64-bit hashes of
 * a part prefix and the term, kept sorted, so that the cosine is a merge of two arrays.
 */
final class DocumentVectors {
  private DocumentVectors() {}

  /** features: array<struct<f: bigint, w: double>>, sorted by f. */
  static final org.apache.spark.sql.types.DataType FEATURES = DataTypes.createArrayType(
      DataTypes.createStructType(List.of(DataTypes.createStructField("f", DataTypes.LongType, false),
          DataTypes.createStructField("w", DataTypes.DoubleType, false))), false);

  /**
   * doc_id, f, w: the weighted, normalised features of every counted document that has any.
   *
   * @param docs doc_id, title of the counted documents
   * @param docTerms doc_terms
   * @param mentions mentions, or null
   */
  static Dataset<Row> features(Dataset<Row> docs, Dataset<Row> docTerms, Dataset<Row> mentions, EventOptions o,
      AnalysisOptions analysis, Set<String> stopWords) {
    Dataset<Row> text = docTerms.select(col("doc_id"), concat(lit("w:"), col("term")).as("key"), col("tfidf").as("w"));

    ContentTokens content = new ContentTokens(stopWords, analysis.keepNumbers);
    Dataset<Row> titleTokens = TextAnalyzer.of(analysis, stopWords).setInputCol("title")
        .transform(docs.filter(col("title").isNotNull()).select("doc_id", "title"))
        .select(col("doc_id"), explode(flatten(col("sentences"))).as("token"))
        .filter(udf((org.apache.spark.sql.api.java.UDF1<String, Boolean>) content::isContent, DataTypes.BooleanType)
            .apply(col("token")));
    List<Dataset<Row>> parts = new ArrayList<>();
    parts.add(withPart(text, "text", 1.0));
    if (o.titleWeight > 0) {
      parts.add(withPart(tfidf(titleTokens.groupBy(col("doc_id"), concat(lit("t:"), col("token")).as("key")).count()),
          "title", o.titleWeight));
    }
    if (mentions != null && o.entityWeight > 0) {
      parts.add(withPart(tfidf(mentions.filter(col("entity_id").isNotNull())
          .groupBy(col("doc_id"), concat(lit("e:"), col("entity_id")).as("key")).count()), "entity", o.entityWeight));
    }
    Dataset<Row> all = parts.stream().reduce(Dataset::unionByName).orElseThrow()
        .filter(col("w").gt(0));
    // Each part to unit length, times its weight; then the document to unit length (the parts are disjoint).
    Column partNorm = sqrt(sum(col("w").multiply(col("w"))).over(Window.partitionBy("doc_id", "part")));
    Dataset<Row> scaled = all.withColumn("w", col("w").divide(partNorm).multiply(col("pw")));
    Column docNorm = sqrt(sum(col("w").multiply(col("w"))).over(Window.partitionBy("doc_id")));
    return scaled.withColumn("w", col("w").divide(docNorm))
        .select(col("doc_id"), xxhash64(col("key")).as("f"), col("w"));
  }

  /** vid, features: each document's features as one sorted array. */
  static Dataset<Row> vectors(Dataset<Row> features) {
    return features.groupBy("vid").agg(array_sort(collect_list(struct(col("f"), col("w")))).as("features"));
  }

  /** key, count per document -> doc_id, key, w = tf * ln((N + 1) / (df + 1)), N the documents with the part. */
  private static Dataset<Row> tfidf(Dataset<Row> counts) {
    Column tf = col("count").divide(sum("count").over(Window.partitionBy("doc_id")));
    Column df = count(lit(1)).over(Window.partitionBy("key"));
    return counts.withColumn("tf", tf).withColumn("df", df)
        .crossJoin(counts.agg(countDistinct("doc_id").as("n_docs")))
        .select(col("doc_id"), col("key"),
            col("tf").multiply(log(col("n_docs").plus(1.0)).minus(log(col("df").plus(1.0)))).as("w"));
  }

  private static Dataset<Row> withPart(Dataset<Row> weights, String part, double weight) {
    return weights.select(col("doc_id"), col("key"), col("w"), lit(part).as("part"), lit(weight).as("pw"));
  }

  /** The cosine of two unit vectors given as sorted feature arrays: a merge. */
  static final UDF2<scala.collection.Seq<Row>, scala.collection.Seq<Row>, Double> COSINE = (x, y) -> {
    double dot = 0;
    int i = 0;
    int j = 0;
    while (i < x.size() && j < y.size()) {
      long fx = x.apply(i).getLong(0);
      long fy = y.apply(j).getLong(0);
      if (fx == fy) {
        dot += x.apply(i++).getDouble(1) * y.apply(j++).getDouble(1);
      } else if (fx < fy) {
        i++;
      } else {
        j++;
      }
    }
    return dot;
  };
}
