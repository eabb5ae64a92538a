package org.framelens.topics;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.clustering.LocalLDAModel;

/**
 * A topic model as every optimizer leaves it: topic-word distributions on the driver (k x vocabulary doubles, the
 * one vocabulary-by-topic object framelens holds there: 8 MB for k = 20 over 50,000 terms), and the documents' topic
 * distributions on the executors.
 *
 * @param phi        phi[topic][word], each row summing to 1
 * @param alpha      the document-topic prior after fitting
 * @param beta       the topic-word prior per word (symmetric; for em and online MLlib's topic concentration)
 * @param jointLogLikelihood ln p(words, assignments) per token of the last Gibbs sample, NaN for other optimizers
 * @param mllib      MLlib's model, for online and em (saved in Spark ML's format), else null
 */
public record FittedTopics(String optimizer, int k, List<String> vocabulary, double[][] phi, JavaRDD<DocTopics> theta,
    double[] alpha, double beta, int iterations, double jointLogLikelihood, LocalLDAModel mllib) {

  /** The topic's words by decreasing weight. */
  public int[] top(int topic, int n) {
    // A bounded insertion instead of sorting the whole vocabulary: callers ask for 3 to 30 of up to 50,000 words.
    double[] row = phi[topic];
    int m = Math.min(n, row.length);
    int[] best = new int[m];
    int filled = 0;
    for (int w = 0; w < row.length; w++) {
      if (filled == m && !ranksBefore(row, w, best[m - 1])) {
        continue;
      }
      int i = filled < m ? filled++ : m - 1;
      for (; i > 0 && ranksBefore(row, w, best[i - 1]); i--) {
        best[i] = best[i - 1];
      }
      best[i] = w;
    }
    return best;
  }

  /** Heavier first; equal weights by term, so that the order never depends on the vocabulary's order. */
  private boolean ranksBefore(double[] row, int a, int b) {
    return row[a] != row[b] ? row[a] > row[b] : vocabulary.get(a).compareTo(vocabulary.get(b)) < 0;
  }

  /** A topic's name for people: its three heaviest terms. */
  public String label(int topic) {
    StringBuilder s = new StringBuilder();
    for (int w : top(topic, 3)) {
      s.append(s.length() == 0 ? "" : " / ").append(vocabulary.get(w));
    }
    return s.toString();
  }
}
