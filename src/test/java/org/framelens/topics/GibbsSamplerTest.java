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
    FittedTopics perSweep = new GibbsSampler(3, 120, 1.0, 0.01, 10, 20, 9, 1).fit(jsc.parallelize(docs, 1), vocabulary(30), false);
    int[] listened = new int[1];
    FittedTopics oneTask = new GibbsSampler(3, 120, 1.0, 0.01, 10, 20, 9, 1)
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
        () -> new GibbsSampler(3, 1, 1.0, 0.01, 0, 0, 9, 1).fit(jsc.parallelize(docs, 2), vocabulary(30), true));
  }

  @Test
  void severalSweepsPerMergeOnOnePartitionDrawTheExactSampleOfOneTask() {
    // A partition that sweeps against its own copy of the counts, alone, draws what exact collapsed Gibbs draws:
    // 5 sweeps per merge keep the schedule of 120 sweeps (priors every 10 after 20, likelihood at 50, 100, 120).
    List<TopicDoc> docs = generate(trueTopics(), 120, 3);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(TestSpark.get().sparkContext());
    List<Integer> merges = new ArrayList<>();
    FittedTopics merged = new GibbsSampler(3, 120, 1.0, 0.01, 10, 20, 9, 5)
        .listener((sweep, nwk, nk) -> merges.add(sweep))
        .fit(jsc.parallelize(docs, 1), vocabulary(30), false);
    FittedTopics exact = new GibbsSampler(3, 120, 1.0, 0.01, 10, 20, 9, 1).fit(jsc.parallelize(docs, 1), vocabulary(30));
    assertEquals(25, merges.size(), "the initial counts and 24 merges");
    assertEquals(List.of(0, 5, 10), merges.subList(0, 3));
    assertEquals(120, merges.get(24));
    assertTrue(java.util.Arrays.deepEquals(exact.phi(), merged.phi()));
    assertArrayEquals(exact.alpha(), merged.alpha(), 0.0);
    assertEquals(exact.beta(), merged.beta(), 0.0);
    assertEquals(exact.jointLogLikelihood(), merged.jointLogLikelihood(), 0.0);
    merged.theta().unpersist();
    exact.theta().unpersist();
  }

  @Test
  void mergesEndEverySweepsPerMergeAndAtTheLastSweepWithThePriorsAndLikelihoodTheyCover() {
    GibbsSampler.Plan p = new GibbsSampler.Plan(3, 103, 1.0, 0.01, 10, 20, 1, 4);
    // the priors: after the first merge that covers a multiple of 10 beyond the burn-in of 20
    assertFalse(p.optimiseIn(16, 20), "sweep 20 is the burn-in's last");
    assertTrue(p.optimiseIn(28, 32), "covers 30");
    assertFalse(p.optimiseIn(32, 36));
    assertTrue(p.optimiseIn(36, 40), "ends at 40");
    assertFalse(p.optimiseIn(20, 24));
    assertTrue(p.optimiseIn(0, 103), "one merge of the whole chain covers 30");
    // the likelihood: every 50 sweeps and at the last
    assertTrue(p.likelihoodIn(48, 52));
    assertFalse(p.likelihoodIn(52, 56));
    assertTrue(p.likelihoodIn(100, 103), "the last sweep");
    assertTrue(p.likelihoodIn(96, 100));
    GibbsSampler.Plan never = new GibbsSampler.Plan(3, 103, 1.0, 0.01, 0, 20, 1, 4);
    assertFalse(never.optimiseIn(0, 103));
    // one sweep per merge: the sweeps MALLET's schedule names (interval 10 after the burn-in)
    GibbsSampler.Plan one = new GibbsSampler.Plan(3, 103, 1.0, 0.01, 10, 20, 1, 1);
    for (int sweep = 1; sweep <= 103; sweep++) {
      assertEquals(sweep > 20 && sweep % 10 == 0, one.optimiseIn(sweep - 1, sweep), "sweep " + sweep);
      assertEquals(sweep % 50 == 0 || sweep == 103, one.likelihoodIn(sweep - 1, sweep), "sweep " + sweep);
    }
  }

  @Test
  void recoversTheTopicsOfItsOwnGenerativeProcess() {
    double[][] truth = trueTopics();
    List<TopicDoc> docs = generate(truth, 300, 7);
    JavaRDD<TopicDoc> rdd = JavaSparkContext.fromSparkContext(TestSpark.get().sparkContext()).parallelize(docs, 3);
    long tokens = docs.stream().mapToLong(d -> d.words().length).sum();
    List<Long> sums = new ArrayList<>();
    FittedTopics f = new GibbsSampler(3, 200, 1.0, 0.01, 10, 50, 11, 1)
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
    double[][] a = new GibbsSampler(3, 30, 1.0, 0.01, 10, 10, 5, 1).fit(jsc.parallelize(docs, 2), vocabulary(30)).phi();
    double[][] b = new GibbsSampler(3, 30, 1.0, 0.01, 10, 10, 5, 1).fit(jsc.parallelize(docs, 2), vocabulary(30)).phi();
    double[][] c = new GibbsSampler(3, 30, 1.0, 0.01, 10, 10, 6, 1).fit(jsc.parallelize(docs, 2), vocabulary(30)).phi();
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
    FittedTopics f = new GibbsSampler(3, 120, 30.0, 0.5, 10, 20, 4, 1).fit(rdd, vocabulary(30));
    double alphaSum = Hyperparameters.sum(f.alpha());
    assertTrue(alphaSum > 0.6 && alphaSum < 1.35, "alpha sum " + alphaSum + " should approach 0.9");
  }

  @Test
  void reportsMergeCellByCellWhateverTheOrder() {
    // Four partitions' changes over 50 cells, summed densely here, then merged pairwise in two orders.
    Random r = new Random(11);
    int cells = 50;
    long[] dense = new long[cells];
    List<GibbsSampler.Report> parts = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      int[] now = new int[cells];
      int[] before = new int[cells];
      for (int c = 0; c < cells; c++) {
        before[c] = r.nextInt(3);
        now[c] = r.nextInt(3);
        dense[c] += now[c] - before[c];
      }
      GibbsSampler.Report rep = new GibbsSampler.Report();
      rep.changes = GibbsSampler.changes(now, before);
      rep.docLogLikelihood.put(p, -10.0 * (p + 1));
      parts.add(rep);
    }
    List<int[]> inputs = parts.stream().map(rep -> rep.changes.clone()).toList();
    GibbsSampler.Report leftToRight = parts.get(0);
    for (int p = 1; p < 4; p++) {
      leftToRight = GibbsSampler.Report.merge(leftToRight, parts.get(p));
    }
    GibbsSampler.Report tree = GibbsSampler.Report.merge(GibbsSampler.Report.merge(parts.get(3), parts.get(1)),
        GibbsSampler.Report.merge(parts.get(2), parts.get(0)));
    List<Integer> expected = new ArrayList<>();
    for (int c = 0; c < cells; c++) {
      if (dense[c] != 0) {
        expected.add(c);
        expected.add((int) dense[c]);
      }
    }
    for (GibbsSampler.Report m : List.of(leftToRight, tree)) {
      assertEquals(expected, java.util.Arrays.stream(m.changes).boxed().toList(), "cells in order, zero sums left out");
      assertEquals(List.of(-10.0, -20.0, -30.0, -40.0), List.copyOf(m.docLogLikelihood.values()), "by partition");
    }
    for (int p = 0; p < 4; p++) {
      assertArrayEquals(inputs.get(p), parts.get(p).changes, "a merge leaves the partitions' reports as they were");
    }
  }

  @Test
  void eightPartitionsMergedOnTheExecutorsKeepEveryWordsCountAfterEverySweep() {
    // Eight partitions make Spark's treeReduce merge in a level of tasks of its own before the driver. Whatever the
    // topics drawn, the counts of a word summed over the topics are its count in the corpus, after every sweep.
    List<TopicDoc> docs = generate(trueTopics(), 80, 21);
    int k = 3;
    int[] corpus = new int[30];
    long tokens = 0;
    for (TopicDoc d : docs) {
      for (int w : d.words()) {
        corpus[w]++;
        tokens++;
      }
    }
    final long total = tokens;
    List<Integer> swept = new ArrayList<>();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(TestSpark.get().sparkContext());
    GibbsSampler.SweepListener check = (sweep, nwk, nk) -> {
      for (int w = 0; w < 30; w++) {
        int sum = 0;
        for (int t = 0; t < k; t++) {
          assertTrue(nwk[w * k + t] >= 0, "sweep " + sweep);
          sum += nwk[w * k + t];
        }
        assertEquals(corpus[w], sum, "word " + w + " after sweep " + sweep);
      }
      assertEquals(total, java.util.Arrays.stream(nk).asLongStream().sum(), "sweep " + sweep);
      swept.add(sweep);
    };
    // 6 sweeps, the priors re-estimated at 5 (their histograms merged too), the likelihood taken at 6.
    FittedTopics a = new GibbsSampler(k, 6, 1.0, 0.01, 5, 0, 7, 1).listener(check).fit(jsc.parallelize(docs, 8), vocabulary(30));
    assertEquals(7, swept.size(), "the initial counts and 6 sweeps");
    swept.clear();
    FittedTopics twoPerMerge = new GibbsSampler(k, 7, 1.0, 0.01, 5, 0, 7, 2).listener(check)
        .fit(jsc.parallelize(docs, 8), vocabulary(30));
    assertEquals(List.of(0, 2, 4, 6, 7), swept, "merges after every second sweep and after the last");
    assertNotEquals(1.0 / 3, twoPerMerge.alpha()[0], "the priors were re-estimated at the merge covering sweep 5");
    assertFalse(Double.isNaN(twoPerMerge.jointLogLikelihood()));
    twoPerMerge.theta().unpersist();
    FittedTopics b = new GibbsSampler(k, 6, 1.0, 0.01, 5, 0, 7, 1).fit(jsc.parallelize(docs, 8), vocabulary(30));
    assertTrue(java.util.Arrays.deepEquals(a.phi(), b.phi()), "the same seed and partitions, the same sample");
    assertNotEquals(1.0 / 3, a.alpha()[0], "the priors were re-estimated from the merged histograms");
    assertArrayEquals(a.alpha(), b.alpha(), 0.0);
    assertEquals(a.jointLogLikelihood(), b.jointLogLikelihood(), 0.0);
    assertFalse(Double.isNaN(a.jointLogLikelihood()));
    a.theta().unpersist();
    b.theta().unpersist();
  }
}
