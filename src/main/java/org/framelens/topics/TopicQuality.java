package org.framelens.topics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Diagnostics of a fitted model, computed in Spark over the modelled corpus: coherence of each topic's top terms
 * (NPMI and UMass, from document co-occurrence), exclusivity, effective number of words, corpus share, and the
 * model's log-likelihood and perplexity on its training documents. Only the top terms' document frequencies (at
 * most k * 10 terms and k * 45 pairs) reach the driver.
 */
final class TopicQuality {
  static final int TOP = 10;

  record Topic(double npmi, double umass, double exclusivity, double effectiveWords, double share) {}

  record Result(List<Topic> topics, double logLikelihood, double perplexity) {}

  private TopicQuality() {}

  static Result of(FittedTopics f, TopicCorpus corpus) {
    int k = f.k();
    int[][] top = new int[k][];
    Set<Integer> words = new HashSet<>();
    Set<Long> pairs = new HashSet<>();
    for (int t = 0; t < k; t++) {
      top[t] = f.top(t, TOP);
      for (int i = 0; i < top[t].length; i++) {
        words.add(top[t][i]);
        for (int j = 0; j < i; j++) {
          pairs.add(pair(top[t][i], top[t][j]));
        }
      }
    }
    Map<Long, Long> df = documentFrequencies(corpus, words, pairs);
    double n = corpus.documents;
    double[] share = shares(f);
    List<Topic> topics = new ArrayList<>();
    for (int t = 0; t < k; t++) {
      int[] w = top[t];
      double npmi = 0;
      double umass = 0;
      int m = 0;
      for (int i = 1; i < w.length; i++) {
        for (int j = 0; j < i; j++) {
          double dij = df.getOrDefault(pair(w[i], w[j]), 0L);
          double di = df.getOrDefault((long) w[i], 0L);
          double dj = df.getOrDefault((long) w[j], 0L);
          npmi += npmi(dij, di, dj, n);
          umass += Math.log((dij + 1) / dj);   // UMass: the higher-ranked word (j) conditions
          m++;
        }
      }
      double exclusivity = 0;
      for (int word : w) {
        double across = 0;
        for (int u = 0; u < k; u++) {
          across += f.phi()[u][word];
        }
        exclusivity += f.phi()[t][word] / across;
      }
      double sq = 0;
      for (double p : f.phi()[t]) {
        sq += p * p;
      }
      topics.add(new Topic(m == 0 ? Double.NaN : npmi / m, m == 0 ? Double.NaN : umass / m,
          exclusivity / w.length, 1.0 / sq, share[t]));
    }
    double ll = logLikelihood(f, corpus);
    return new Result(topics, ll, Math.exp(-ll / corpus.tokens));
  }

  /** NPMI of two words over documents; -1 for words never seen together, 1 for words never seen apart. */
  static double npmi(double both, double a, double b, double n) {
    if (both == 0) {
      return -1;
    }
    double pab = both / n;
    if (pab >= 1) {
      return 1;
    }
    return Math.log(pab / ((a / n) * (b / n))) / -Math.log(pab);
  }

  static long pair(int a, int b) {
    int lo = Math.min(a, b);
    int hi = Math.max(a, b);
    return -(((long) lo << 32) | hi) - 1;   // negative keys for pairs, word ids themselves for single words
  }

  private static Map<Long, Long> documentFrequencies(TopicCorpus corpus, Set<Integer> words, Set<Long> pairs) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(corpus.docs.context());
    Broadcast<Set<Integer>> bw = jsc.broadcast(words);
    Broadcast<Set<Long>> bp = jsc.broadcast(pairs);
    JavaPairRDD<Long, Long> counts = corpus.docs.mapPartitionsToPair(it -> {
      Map<Long, Long> local = new HashMap<>();
      Set<Integer> keep = bw.value();
      Set<Long> wanted = bp.value();
      List<Integer> present = new ArrayList<>();
      while (it.hasNext()) {
        int[] w = it.next().words();
        present.clear();
        for (int i = 0; i < w.length; i++) {
          if ((i == 0 || w[i] != w[i - 1]) && keep.contains(w[i])) {
            present.add(w[i]);
          }
        }
        for (int i = 0; i < present.size(); i++) {
          local.merge((long) present.get(i), 1L, Long::sum);
          for (int j = 0; j < i; j++) {
            long key = pair(present.get(i), present.get(j));
            if (wanted.contains(key)) {
              local.merge(key, 1L, Long::sum);
            }
          }
        }
      }
      List<Tuple2<Long, Long>> out = new ArrayList<>();
      local.forEach((a, b) -> out.add(new Tuple2<>(a, b)));
      return out.iterator();
    }).reduceByKey(Long::sum);
    Map<Long, Long> result = new HashMap<>(counts.collectAsMap());
    bw.destroy();
    bp.destroy();
    return result;
  }

  /** Each topic's share of the modelled tokens: sum over documents of theta_dk * tokens_d, over all tokens. */
  private static double[] shares(FittedTopics f) {
    int k = f.k();
    double[] sums = f.theta().aggregate(new double[k + 1], (acc, d) -> {
      for (int t = 0; t < k; t++) {
        acc[t] += d.weights()[t] * d.tokens();
      }
      acc[k] += d.tokens();
      return acc;
    }, (a, b) -> {
      for (int t = 0; t <= k; t++) {
        a[t] += b[t];
      }
      return a;
    });
    double[] share = new double[k];
    for (int t = 0; t < k; t++) {
      share[t] = sums[t] / sums[k];
    }
    return share;
  }

  /** Sum over the training tokens of ln sum_k theta_dk phi_kw: the same quantity for every optimizer. */
  private static double logLikelihood(FittedTopics f, TopicCorpus corpus) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(corpus.docs.context());
    Broadcast<double[][]> phi = jsc.broadcast(f.phi());
    double ll = corpus.docs.mapToPair(d -> new Tuple2<>(d.id(), d.words()))
        .join(f.theta().mapToPair(d -> new Tuple2<>(d.id(), d.weights())))
        .map(e -> {
          double[][] p = phi.value();
          int[] w = e._2()._1();
          double[] theta = e._2()._2();
          double s = 0;
          double last = 0;
          for (int i = 0; i < w.length; i++) {
            if (i == 0 || w[i] != w[i - 1]) {   // ids ascend: a repeated word repeats its term
              double x = 0;
              for (int t = 0; t < theta.length; t++) {
                x += theta[t] * p[t][w[i]];
              }
              last = Math.log(x);
            }
            s += last;
          }
          return s;
        }).reduce(Double::sum);
    phi.destroy();
    return ll;
  }
}
