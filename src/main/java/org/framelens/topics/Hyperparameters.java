package org.framelens.topics;

import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.special.Gamma;

/**
 * Minka's fixed-point updates of Dirichlet parameters from count histograms, as MALLET estimates LDA's priors: an
 * asymmetric document-topic alpha, and a symmetric topic-word beta. Written here because neither Spark nor
 * Commons Math offers them; digamma comes from Commons Math. Histograms map a count to how often it occurs, so an
 * update costs the number of distinct counts, not the number of documents.
 */
final class Hyperparameters {
  private Hyperparameters() {}

  /** A weak Gamma(shape, scale) prior on each alpha_k keeps rarely used topics from collapsing to zero (MALLET's). */
  private static final double SHAPE = 1.001;
  private static final double SCALE = 1.0;
  private static final int MAX_ROUNDS = 200;

  /**
   * New alpha from, per topic, the histogram of its count in documents (documents with count 0 left out) and the
   * histogram of document lengths.
   */
  static double[] alpha(double[] alpha, Map<Integer, Long>[] topicDocCounts, Map<Integer, Long> docLengths) {
    double[] a = alpha.clone();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      double a0 = sum(a);
      double denominator = 0;
      for (Map.Entry<Integer, Long> e : docLengths.entrySet()) {
        denominator += e.getValue() * (Gamma.digamma(a0 + e.getKey()) - Gamma.digamma(a0));
      }
      denominator -= 1.0 / SCALE;
      double change = 0;
      for (int k = 0; k < a.length; k++) {
        double numerator = 0;
        for (Map.Entry<Integer, Long> e : topicDocCounts[k].entrySet()) {
          numerator += e.getValue() * (Gamma.digamma(a[k] + e.getKey()) - Gamma.digamma(a[k]));
        }
        double next = Math.max(1e-10, (a[k] * numerator + SHAPE) / denominator);
        change += Math.abs(next - a[k]);
        a[k] = next;
      }
      if (change < 1e-6 * sum(a)) {
        break;
      }
    }
    return a;
  }

  /** New symmetric beta from the histogram of nonzero word-topic counts and the topic sizes. */
  static double beta(double beta, int vocabulary, int[] wordTopic, int[] topicTotals) {
    Map<Integer, Long> counts = new java.util.HashMap<>();
    for (int c : wordTopic) {
      if (c > 0) {
        counts.merge(c, 1L, Long::sum);
      }
    }
    double b = beta;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      double numerator = 0;
      for (Map.Entry<Integer, Long> e : counts.entrySet()) {
        numerator += e.getValue() * (Gamma.digamma(b + e.getKey()) - Gamma.digamma(b));
      }
      double denominator = 0;
      for (int n : topicTotals) {
        denominator += Gamma.digamma(vocabulary * b + n) - Gamma.digamma(vocabulary * b);
      }
      double next = b * numerator / (vocabulary * denominator);
      if (!(next > 0) || Double.isInfinite(next)) {
        break;
      }
      boolean done = Math.abs(next - b) < 1e-7 * b;
      b = next;
      if (done) {
        break;
      }
    }
    return b;
  }

  static double sum(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x;
    }
    return s;
  }
}
