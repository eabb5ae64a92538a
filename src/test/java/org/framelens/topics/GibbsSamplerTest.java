package org.framelens.topics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.framelens.TestSpark;
import org.junit.jupiter.api.Test;

/** The distributed sampler on corpora drawn from LDA's own generative process, where the true topics are known. */
class GibbsSamplerTest {

  /** Three topics over 30 words: each puts 90% of its mass on its own block of 10 words, 10% spread over all. */
  private static double[][] trueTopics() {
    int k = 3;
    int v = 30;
    double[][] phi = new double[k][v];
    for (int t = 0; t < k; t++) {
      for (int w = 0; w < v; w++) {
        phi[t][w] = 0.1 / v + (w / 10 == t ? 0.9 / 10 : 0);
      }
    }
    return phi;
  }

  /** Documents of 60 tokens; theta ~ Dirichlet(0.3, 0.3, 0.3) (by normalised Gamma draws). */
  private static List<TopicDoc> generate(double[][] phi, int docs, long seed) {
    Random r = new Random(seed);
    List<TopicDoc> out = new ArrayList<>();
    for (int d = 0; d < docs; d++) {
      double[] theta = new double[phi.length];
      double sum = 0;
      for (int t = 0; t < theta.length; t++) {
        theta[t] = gamma(0.3, r);
        sum += theta[t];
      }
      int[] words = new int[60];
      for (int i = 0; i < words.length; i++) {
        int t = draw(theta, sum, r);
        words[i] = draw(phi[t], 1.0, r);
      }
      java.util.Arrays.sort(words);
      out.add(new TopicDoc(String.format("d%04d", d), d % 2 == 0 ? "A" : "B", words));
    }
    return out;
  }

  private static int draw(double[] p, double total, Random r) {
    double u = r.nextDouble() * total;
    for (int i = 0; i < p.length; i++) {
      u -= p[i];
      if (u < 0) {
        return i;
      }
    }
    return p.length - 1;
  }

  /** Gamma(shape < 1) by Marsaglia & Tsang with the boost u^(1/shape). */
  private static double gamma(double shape, Random r) {
    double d = shape + 1 - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = r.nextGaussian();
      double v = Math.pow(1 + c * x, 3);
      if (v > 0 && Math.log(r.nextDouble()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v * Math.pow(r.nextDouble(), 1 / shape);
      }
    }
  }

  private static List<String> vocabulary(int v) {
    List<String> vocab = new ArrayList<>();
    for (int w = 0; w < v; w++) {
      vocab.add("w" + w);
    }
    return vocab;
  }

  @Test
  void oneTaskDrawsExactlyTheSampleOfTheJobPerSweepLoopOnOnePartition() {
    List<TopicDoc> docs = generate(trueTopics(), 120, 3);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(TestSpark.get().sparkContext());
    // 120 sweeps: the priors re-estimated every 10 after 20, the likelihood taken at 50, 100 and 120.
    FittedTopics perSweep = new GibbsSampler(3, 120, 1.0, 0.01, 10, 20, 9).fit(jsc.parallelize(docs, 1), vocabulary(30), false);
    int[] listened = new int[1];
    FittedTopics oneTask = new GibbsSampler(3, 120, 1.0, 0.01, 10, 20, 9)
        .listener((sweep, nwk, nk) -> listened[0] = sweep)
        .fit(jsc.parallelize(docs, 1), vocabulary(30));
    assertEquals(120, listened[0], "the listener hears the last sweep");
    for (int t = 0; t < 3; t++) {
      assertArrayEquals(perSweep.phi()[t], oneTask.phi()[t], 0.0, "topic " + t);
    }
    assertArrayEquals(perSweep.alpha(), oneTask.alpha(), 0.0);
    assertNotEquals(1.0 / 3, oneTask.alpha()[0], "the priors were re-estimated");
    assertEquals(perSweep.beta(), oneTask.beta(), 0.0);
    assertEquals(perSweep.jointLogLikelihood(), oneTask.jointLogLikelihood(), 0.0);
    assertFalse(Double.isNaN(oneTask.jointLogLikelihood()));
    var a = perSweep.theta().collect();
    var b = oneTask.theta().collect();
    assertEquals(a.size(), b.size());
    for (int d = 0; d < a.size(); d++) {
      assertEquals(a.get(d).id(), b.get(d).id());
      assertArrayEquals(a.get(d).weights(), b.get(d).weights(), 0.0, a.get(d).id());
    }
    assertThrows(IllegalArgumentException.class,
        () -> new GibbsSampler(3, 1, 1.0, 0.01, 0, 0, 9).fit(jsc.parallelize(docs, 2), vocabulary(30), true));
  }

  @Test
  void recoversTheTopicsOfItsOwnGenerativeProcess() {
    double[][] truth = trueTopics();
    List<TopicDoc> docs = generate(truth, 300, 7);
    JavaRDD<TopicDoc> rdd = JavaSparkContext.fromSparkContext(TestSpark.get().sparkContext()).parallelize(docs, 3);
    long tokens = docs.stream().mapToLong(d -> d.words().length).sum();
    List<Long> sums = new ArrayList<>();
    FittedTopics f = new GibbsSampler(3, 200, 1.0, 0.01, 10, 50, 11)
        .listener((sweep, nwk, nk) -> {
          long s = 0;
          long s2 = 0;
          for (int c : nwk) {
            assertTrue(c >= 0, "negative word-topic count after sweep " + sweep);
            s += c;
          }
          for (int c : nk) {
            s2 += c;
          }
          sums.add(s);
          sums.add(s2);
        })
        .fit(rdd, vocabulary(30));
    assertEquals(2 * 201, sums.size(), "one check per sweep, and one after the initial assignment");
    sums.forEach(s -> assertEquals(tokens, s, "counts must sum to the number of tokens after every sweep"));

    // Match each true topic to the closest fitted one; total variation distance within 0.06 (5% of the mass is
    // noise at this corpus size: 18,000 tokens).
    boolean[] used = new boolean[3];
    for (double[] t : truth) {
      int best = -1;
      double bestTv = 2;
      for (int u = 0; u < 3; u++) {
        double tv = 0;
        for (int w = 0; w < t.length; w++) {
          tv += Math.abs(t[w] - f.phi()[u][w]) / 2;
        }
        if (tv < bestTv) {
          bestTv = tv;
          best = u;
        }
      }
      assertFalse(used[best], "two true topics matched the same fitted topic");
      used[best] = true;
      assertTrue(bestTv < 0.06, "total variation distance " + bestTv);
    }
    // Documents' distributions sum to 1.
    for (DocTopics d : f.theta().collect()) {
      assertEquals(1.0, java.util.Arrays.stream(d.weights()).sum(), 1e-9, d.id());
    }
    f.theta().unpersist();
  }

  @Test
  void theSameSeedGivesTheSameSampleAndAnotherSeedAnother() {
    List<TopicDoc> docs = generate(trueTopics(), 60, 3);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(TestSpark.get().sparkContext());
    double[][] a = new GibbsSampler(3, 30, 1.0, 0.01, 10, 10, 5).fit(jsc.parallelize(docs, 2), vocabulary(30)).phi();
    double[][] b = new GibbsSampler(3, 30, 1.0, 0.01, 10, 10, 5).fit(jsc.parallelize(docs, 2), vocabulary(30)).phi();
    double[][] c = new GibbsSampler(3, 30, 1.0, 0.01, 10, 10, 6).fit(jsc.parallelize(docs, 2), vocabulary(30)).phi();
    assertTrue(java.util.Arrays.deepEquals(a, b));
    assertFalse(java.util.Arrays.deepEquals(a, c));
  }

  @Test
  void hyperparameterUpdatesMoveTowardsTheGeneratingPrior() {
    // The documents were drawn with alpha = (0.3, 0.3, 0.3); from a start 33 times too large the estimate must
    // come within a factor of 1.5 of the true sum 0.9.
    double[][] truth = trueTopics();
    List<TopicDoc> docs = generate(truth, 200, 9);
    JavaRDD<TopicDoc> rdd = JavaSparkContext.fromSparkContext(TestSpark.get().sparkContext()).parallelize(docs, 2);
    FittedTopics f = new GibbsSampler(3, 120, 30.0, 0.5, 10, 20, 4).fit(rdd, vocabulary(30));
    double alphaSum = Hyperparameters.sum(f.alpha());
    assertTrue(alphaSum > 0.6 && alphaSum < 1.35, "alpha sum " + alphaSum + " should approach 0.9");
  }
}
