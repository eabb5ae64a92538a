package org.framelens.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;

/**
 * Each outlet's mean topic share with a 95% bootstrap interval, and its difference from the corpus mean with an
 * interval, without bringing documents to the driver: a Poisson bootstrap (Hanley & MacGibbon 2006), in which every
 * document carries a Poisson(1) weight per replicate drawn from its id and the seed, so replicates are summed where the
 * documents live and reproduce on any cluster. The corpus replicate means share the documents' weights, so the
 * interval of a difference accounts for the outlet being part of the corpus.
 */
final class OutletShares {
  private OutletShares() {}

  /** Rows of outlet_topics for one model: k, outlet, topic, n_docs, mean_share, ci_low, ci_high, corpus_share, diff, diff_ci_low, diff_ci_high. */
  static JavaRDD<Row> rows(JavaRDD<DocTopics> theta, int k, int replicates, long seed) {
    int width = (replicates + 1) * (k + 1);   // slot `replicates` holds the unweighted sums
    double[] corpus = theta.aggregate(new double[width], (acc, d) -> add(acc, d, k, replicates, seed),
        OutletShares::sum);
    Broadcast<double[]> corpusSums = JavaSparkContext.fromSparkContext(theta.context()).broadcast(corpus);
    return theta.mapPartitionsToPair(it -> {
          Map<String, double[]> local = new HashMap<>();
          while (it.hasNext()) {
            DocTopics d = it.next();
            add(local.computeIfAbsent(d.outlet(), o -> new double[width]), d, k, replicates, seed);
          }
          List<Tuple2<String, double[]>> out = new ArrayList<>();
          local.forEach((o, a) -> out.add(new Tuple2<>(o, a)));
          return out.iterator();
        })
        .reduceByKey(OutletShares::sum)
        .flatMap(e -> outletRows(e._1(), e._2(), corpusSums.value(), k, replicates).iterator());
  }

  private static double[] add(double[] acc, DocTopics d, int k, int replicates, long seed) {
    SplittableRandom rng = new SplittableRandom(GibbsSampler.mix(seed, d.id().hashCode(), 0x5eed));
    for (int b = 0; b <= replicates; b++) {
      double w = b == replicates ? 1 : poisson1(rng);
      if (w == 0) {
        continue;
      }
      int base = b * (k + 1);
      for (int t = 0; t < k; t++) {
        acc[base + t] += w * d.weights()[t];
      }
      acc[base + k] += w;
    }
    return acc;
  }

  /** A Poisson(1) draw by inversion. */
  static int poisson1(SplittableRandom rng) {
    double u = rng.nextDouble();
    double p = Math.exp(-1);
    double cdf = p;
    int x = 0;
    while (u > cdf && x < 20) {
      x++;
      p /= x;
      cdf += p;
    }
    return x;
  }

  private static double[] sum(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  private static List<Row> outletRows(String outlet, double[] o, double[] c, int k, int replicates) {
    List<Row> rows = new ArrayList<>(k);
    int point = replicates * (k + 1);
    long nDocs = Math.round(o[point + k]);
    for (int t = 0; t < k; t++) {
      double mean = o[point + t] / o[point + k];
      double corpusMean = c[point + t] / c[point + k];
      double[] means = new double[replicates];
      double[] diffs = new double[replicates];
      int m = 0;
      for (int b = 0; b < replicates; b++) {
        int base = b * (k + 1);
        if (o[base + k] > 0) {   // a replicate that drew none of the outlet's documents says nothing about it
          means[m] = o[base + t] / o[base + k];
          diffs[m] = means[m] - c[base + t] / c[base + k];
          m++;
        }
      }
      double[] ms = Arrays.copyOf(means, m);
      double[] ds = Arrays.copyOf(diffs, m);
      Arrays.sort(ms);
      Arrays.sort(ds);
      rows.add(RowFactory.create(outlet, t, nDocs, mean, quantile(ms, 0.025), quantile(ms, 0.975), corpusMean,
          mean - corpusMean, quantile(ds, 0.025), quantile(ds, 0.975)));
    }
    return rows;
  }

  /** Linear interpolation between order statistics (R's type 7); null without replicates. */
  static Double quantile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return null;
    }
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
