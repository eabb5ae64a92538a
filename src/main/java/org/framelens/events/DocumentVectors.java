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
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.types.DataTypes;
import org.framelens.terms.ContentTokens;
import org.framelens.text.AnalysisOptions;
import org.framelens.text.TextAnalyzer;

/**
 * What a document says, as one unit vector of three parts: the tf-idf of its terms (doc_terms: unigrams and
 * phrases), of its title's words, and of the entities it names (when the entities stage ran). Each part is
 * normalised on its own, weighted (the text 1, --event-title-weight, --event-entity-weight) and the whole normalised
 * again, so that the cosine of two documents is the weighted mean of the three cosines. Features are 64-bit hashes of
 * a part prefix and the term, folded into the indices of a Spark ML sparse vector.
 */
final class DocumentVectors {
  private DocumentVectors() {}

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

  /**
   * vid, features: each document's features as one Spark ML sparse vector, the 64-bit hashes folded into 2^31 - 1
   * indices (on AllSides' million distinct features, some two hundred pairs share an index, and their weights add).
   */
  static Dataset<Row> vectors(Dataset<Row> features) {
    var toVector = udf((UDF2<scala.collection.Seq<Integer>, scala.collection.Seq<Double>, Vector>) (is, ws) -> {
      int[] indices = new int[is.size()];
      double[] values = new double[ws.size()];
      for (int k = 0; k < indices.length; k++) {
        indices[k] = is.apply(k);
        values[k] = ws.apply(k);
      }
      return Vectors.sparse(Integer.MAX_VALUE, indices, values);
    }, new VectorUDT());
    return features.withColumn("i", pmod(col("f"), lit((long) Integer.MAX_VALUE)).cast("int"))
        .groupBy("vid", "i").agg(sum("w").as("w"))
        .groupBy("vid").agg(array_sort(collect_list(struct(col("i"), col("w")))).as("_iw"))
        .select(col("vid"), toVector.apply(col("_iw.i"), col("_iw.w")).as("features"));
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

  /** The cosine of two unit vectors: Spark ML's sparse dot product. */
  static final UDF2<Vector, Vector, Double> COSINE = Vector::dot;
}
