package org.framelens.topics;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.clustering.DistributedLDAModel;
import org.apache.spark.ml.clustering.LDA;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.clustering.LocalLDAModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Spark MLlib's LDA (online variational Bayes or EM) over the same corpus, settings and outputs as the Gibbs sampler. */
final class MllibLda {
  private MllibLda() {}

  static FittedTopics fit(SparkSession spark, TopicCorpus corpus, TopicOptions o, int k, TopicOptions.Optimizer opt) {
    String optimizer = opt.name();
    Dataset<Row> features = features(spark, corpus).cache();
    LDA lda = new LDA().setK(k).setOptimizer(optimizer).setMaxIter(o.iterationsFor(opt)).setSeed(o.seed)
        .setFeaturesCol("features").setTopicDistributionCol("theta");
    if (optimizer.equals("online")) {
      // Each mini-batch should see a few hundred documents whatever the corpus size (MLlib's 0.05 starves small ones).
      lda.setSubsamplingRate(Math.min(1.0, Math.max(0.05, 512.0 / corpus.documents)))
          .setOptimizeDocConcentration(true);
    }
    if (o.alpha > 0) {
      double[] a = new double[k];
      java.util.Arrays.fill(a, o.alpha / k);
      lda.setDocConcentration(a);
    }
    if (o.beta > 0) {
      lda.setTopicConcentration(o.beta);
    }
    LDAModel model = lda.fit(features);
    LocalLDAModel local = model instanceof DistributedLDAModel d ? d.toLocal() : (LocalLDAModel) model;
    double[][] phi = normalisedTopics(local.topicsMatrix(), k, corpus.vocabulary.size());
    JavaRDD<DocTopics> theta = infer(local, features);
    features.unpersist();
    return new FittedTopics(optimizer, k, corpus.vocabulary, phi, theta, local.estimatedDocConcentration().toArray(),
        o.beta > 0 ? o.beta : defaultTopicConcentration(optimizer, k), o.iterationsFor(opt), Double.NaN, local);
  }

  /** What MLlib uses when the topic concentration is left unset (its "automatic" value), which it does not report. */
  static double defaultTopicConcentration(String optimizer, int k) {
    return optimizer.equals("em") ? 1.1 : 1.0 / k;
  }

  /** Document distributions from MLlib's variational inference, for a fitted or a saved model. */
  static JavaRDD<DocTopics> infer(LocalLDAModel model, Dataset<Row> features) {
    model.setFeaturesCol("features").setTopicDistributionCol("theta");   // toLocal() and load() do not keep them
    JavaRDD<DocTopics> theta = model.transform(features).select("doc_id", "outlet", "tokens", "theta").toJavaRDD()
        .map(r -> new DocTopics(r.getString(0), r.getString(1), r.getInt(2), ((Vector) r.get(3)).toArray()))
        .cache();
    theta.count();
    return theta;
  }

  static Dataset<Row> features(SparkSession spark, TopicCorpus corpus) {
    int v = corpus.vocabulary.size();
    JavaRDD<Row> rows = corpus.docs.map(d -> {
      int[] w = d.words();   // ascending, so equal ids are adjacent
      List<Integer> ids = new ArrayList<>();
      List<Double> counts = new ArrayList<>();
      for (int i = 0; i < w.length; i++) {
        if (i == 0 || w[i] != w[i - 1]) {
          ids.add(w[i]);
          counts.add(1.0);
        } else {
          counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
        }
      }
      return RowFactory.create(d.id(), d.outlet(), w.length,
          Vectors.sparse(v, ids.stream().mapToInt(Integer::intValue).toArray(),
              counts.stream().mapToDouble(Double::doubleValue).toArray()));
    });
    StructType schema = new StructType().add("doc_id", "string", false).add("outlet", "string", false)
        .add("tokens", "int", false).add("features", SQLDataTypes.VectorType(), false);
    return spark.createDataFrame(rows, schema);
  }

  /** MLlib's topics matrix is vocabulary x k and, for online LDA, unnormalised: each topic is made to sum to 1. */
  static double[][] normalisedTopics(Matrix m, int k, int v) {
    double[][] phi = new double[k][v];
    for (int t = 0; t < k; t++) {
      double sum = 0;
      for (int w = 0; w < v; w++) {
        phi[t][w] = m.apply(w, t);
        sum += phi[t][w];
      }
      for (int w = 0; w < v; w++) {
        phi[t][w] /= sum;
      }
    }
    return phi;
  }
}
