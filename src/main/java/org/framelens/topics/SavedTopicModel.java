package org.framelens.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.clustering.LocalLDAModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.framelens.pipeline.FramelensException;
import org.framelens.pipeline.Versions;

/**
 * A fitted topic model on disk, laid out like Spark ML's models: metadata.json, then Parquet (vocabulary: id, term;
 * topics: topic, weights over the vocabulary), and for online and em MLlib's own saved model under spark_model/.
 * Applying it scores new documents with the same topics: MLlib's variational inference for its models, Gibbs
 * sampling with the topics held fixed for gibbs (as MALLET's inferencer does).
 */
public final class SavedTopicModel {
  public static final String FORMAT = "framelens-topic-model";
  public static final int VERSION = 1;
  /** Gibbs inference: sweeps per document, and the sweeps before the averaging starts. */
  static final int INFER_SWEEPS = 100;
  static final int INFER_BURN_IN = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  final String optimizer;
  final List<String> vocabulary;
  final double[][] phi;
  final double[] alpha;
  final double beta;
  final LocalLDAModel mllib;

  private SavedTopicModel(String optimizer, List<String> vocabulary, double[][] phi, double[] alpha, double beta,
      LocalLDAModel mllib) {
    this.optimizer = optimizer;
    this.vocabulary = vocabulary;
    this.phi = phi;
    this.alpha = alpha;
    this.beta = beta;
    this.mllib = mllib;
  }

  public int k() {
    return phi.length;
  }

  static void save(SparkSession spark, FileSystem fs, Path dir, FittedTopics f, long seed, String runId) {
    try {
      ObjectNode m = JSON.createObjectNode();
      m.put("format", FORMAT).put("version", VERSION).put("optimizer", f.optimizer()).put("k", f.k())
          .put("vocabulary", f.vocabulary().size()).put("beta", f.beta()).put("iterations", f.iterations())
          .put("seed", seed).put("run_id", runId).put("framelens", Versions.framelens())
          .put("spark", spark.version());
      var a = m.putArray("alpha");
      for (double x : f.alpha()) {
        a.add(x);
      }
      fs.mkdirs(dir);
      try (OutputStream out = fs.create(new Path(dir, "metadata.json"), true)) {
        out.write(m.toPrettyString().getBytes(StandardCharsets.UTF_8));
      }
      List<Row> vocab = new ArrayList<>();
      for (int i = 0; i < f.vocabulary().size(); i++) {
        vocab.add(RowFactory.create(i, f.vocabulary().get(i)));
      }
      spark.createDataFrame(vocab, new StructType().add("id", "int", false).add("term", "string", false))
          .coalesce(1).write().parquet(new Path(dir, "vocabulary").toString());
      List<Row> topics = new ArrayList<>();
      for (int t = 0; t < f.k(); t++) {
        topics.add(RowFactory.create(t, f.phi()[t]));
      }
      spark.createDataFrame(topics, new StructType().add("topic", "int", false)
              .add("weights", DataTypes.createArrayType(DataTypes.DoubleType, false), false))
          .coalesce(1).write().parquet(new Path(dir, "topics").toString());
      if (f.mllib() != null) {
        f.mllib().write().save(new Path(dir, "spark_model").toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the topic model to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Reads and checks a saved model's metadata.json: the check made before any work, and the start of {@link #load}. */
  public static JsonNode checkExists(String dir, org.apache.hadoop.conf.Configuration conf) {
    Path root = new Path(dir);
    try {
      FileSystem fs = root.getFileSystem(conf);
      Path meta = new Path(root, "metadata.json");
      if (!fs.exists(meta)) {
        throw new FramelensException("--topic-model " + dir + " is not a saved topic model: it has no metadata.json "
            + "(models are saved under <output>/models/topics_k<K> by 'framelens topics')");
      }
      JsonNode m;
      try (var in = fs.open(meta)) {
        m = JSON.readTree(in);
      }
      if (!FORMAT.equals(m.path("format").asText()) || m.path("version").asInt() > VERSION) {
        throw new FramelensException("--topic-model " + dir + ": unknown format " + m.path("format").asText()
            + " version " + m.path("version").asInt() + " (this framelens reads " + FORMAT + " up to version " + VERSION + ")");
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the topic model " + dir + ": " + e.getMessage(), e);
    }
  }

  public static SavedTopicModel load(SparkSession spark, String dir) {
    Path root = new Path(dir);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      JsonNode m = checkExists(dir, spark.sparkContext().hadoopConfiguration());
      List<String> vocab = spark.read().parquet(new Path(root, "vocabulary").toString()).orderBy("id")
          .select("term").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
      int k = m.path("k").asInt();
      double[][] phi = new double[k][];
      for (Row r : spark.read().parquet(new Path(root, "topics").toString()).collectAsList()) {
        List<Double> w = r.getList(1);
        phi[r.getInt(0)] = w.stream().mapToDouble(Double::doubleValue).toArray();
      }
      double[] alpha = new double[k];
      for (int t = 0; t < k; t++) {
        alpha[t] = m.path("alpha").path(t).asDouble();
      }
      Path sparkModel = new Path(root, "spark_model");
      LocalLDAModel mllib = fs.exists(sparkModel) ? LocalLDAModel.load(sparkModel.toString()) : null;
      return new SavedTopicModel(m.path("optimizer").asText(), new ArrayList<>(vocab), phi, alpha,
          m.path("beta").asDouble(), mllib);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the topic model " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The documents' topic distributions under this model. */
  FittedTopics apply(SparkSession spark, TopicCorpus corpus, long seed) {
    JavaRDD<DocTopics> theta;
    if (mllib != null) {
      theta = MllibLda.infer(mllib, MllibLda.features(spark, corpus));
    } else {
      Broadcast<double[][]> topics = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(phi);
      double[] a = alpha;
      theta = corpus.docs.map(d -> infer(d, topics.value(), a, seed)).persist(StorageLevel.MEMORY_AND_DISK());
      theta.count();
      topics.unpersist(false);   // not destroyed: theta's lineage still references it
    }
    return new FittedTopics("saved", k(), vocabulary, phi, theta, alpha, beta, 0, Double.NaN, mllib);
  }

  /** Gibbs sampling of one document's assignments with the topics fixed; theta averaged over the later sweeps. */
  static DocTopics infer(TopicDoc d, double[][] phi, double[] alpha, long seed) {
    int k = alpha.length;
    int[] w = d.words();
    SplittableRandom rng = new SplittableRandom(GibbsSampler.mix(seed, d.id().hashCode(), 1));
    int[] z = new int[w.length];
    int[] ndk = new int[k];
    for (int i = 0; i < w.length; i++) {
      z[i] = rng.nextInt(k);
      ndk[z[i]]++;
    }
    double a0 = Hyperparameters.sum(alpha);
    double[] p = new double[k];
    double[] theta = new double[k];
    for (int sweep = 0; sweep < INFER_SWEEPS; sweep++) {
      for (int i = 0; i < w.length; i++) {
        ndk[z[i]]--;
        double total = 0;
        for (int t = 0; t < k; t++) {
          total += (ndk[t] + alpha[t]) * phi[t][w[i]];
          p[t] = total;
        }
        double u = rng.nextDouble() * total;
        int t = 0;
        while (t < k - 1 && p[t] <= u) {
          t++;
        }
        z[i] = t;
        ndk[t]++;
      }
      if (sweep >= INFER_BURN_IN) {
        for (int t = 0; t < k; t++) {
          theta[t] += (ndk[t] + alpha[t]) / (w.length + a0);
        }
      }
    }
    for (int t = 0; t < k; t++) {
      theta[t] /= INFER_SWEEPS - INFER_BURN_IN;
    }
    return new DocTopics(d.id(), d.outlet(), w.length, theta);
  }
}
