package org.framelens.topics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Topic model settings; every one is recorded in the run manifest. */
public class TopicOptions implements Serializable {

  /** Number of topics when --k is not given: 20, or the number of documents when there are fewer. */
  public static final int DEFAULT_K = 20;
  /** --topic-max-df when not given; lifted on a corpus too small for it (see {@link #maxDfFor}). */
  public static final double DEFAULT_MAX_DF = 0.5;

  public enum Optimizer { gibbs, online, em }

  @Option(names = "--k", split = ",", paramLabel = "K[,K...]",
      description = "Topics to fit, one model per value, e.g. 10,20,40 (default: 20, or the number of documents when fewer; compare values with the topic_models table).")
  public List<Integer> k = new ArrayList<>();

  @Option(names = "--optimizer",
      description = "gibbs (collapsed Gibbs sampling over the partitions, with hyperparameter optimisation), online or em (Spark MLlib) (default: ${DEFAULT-VALUE}).")
  public Optimizer optimizer = Optimizer.gibbs;

  @Option(names = "--iterations",
      description = "Sweeps (gibbs) or iterations (online, em); 0 = the optimizer's default: gibbs 1000, online 100, em 50.")
  public int iterations = 0;

  @Option(names = "--alpha",
      description = "Document-topic prior: sum of the Dirichlet parameters (alpha_0), spread evenly over the topics at the start; 0 = 5 for gibbs (MALLET's), 50/k + 1 for em, 1/k each for online.")
  public double alpha = 0;

  @Option(names = "--beta",
      description = "Topic-word prior per word; 0 = 0.01 for gibbs (MALLET's), 1.1 for em, 1/k for online.")
  public double beta = 0;

  @Option(names = "--optimize-interval",
      description = "gibbs: re-estimate alpha (asymmetric) and beta every this many sweeps after the burn-in, for corpora of 50 documents or more; 0 = never (default: ${DEFAULT-VALUE}).")
  public int optimizeInterval = 10;

  @Option(names = "--burn-in", description = "gibbs: sweeps before the first hyperparameter re-estimate (default: ${DEFAULT-VALUE}).")
  public int burnIn = 200;

  @Option(names = "--seed", description = "Random seed: the same input, settings and seed give identical tables (default: ${DEFAULT-VALUE}).")
  public long seed = 1;

  @Option(names = "--topic-min-df", description = "A term must occur in at least this many documents (default: ${DEFAULT-VALUE}).")
  public int minDf = 2;

  @Option(names = "--topic-max-df",
      description = "... and in at most this share of the documents; common words carry no topic (default: 0.5, lifted on a corpus so small that no document frequency would be both at least --topic-min-df and at most this share).")
  public Double maxDf;

  @Option(names = "--topic-vocabulary", description = "Keep at most this many terms, the most widespread first (default: ${DEFAULT-VALUE}).")
  public int vocabularySize = 50_000;

  @Option(names = "--topic-phrases",
      description = "Also model the detected phrases as terms (their words still count as unigrams, as in doc_terms).")
  public boolean phrases = false;

  @Option(names = "--topic-partitions",
      description = "Partitions the documents are sampled in; 0 = one below 250,000 tokens (all sweeps in one task: exact collapsed Gibbs, no Spark job per sweep), Spark's default parallelism above, and at least one per 10 million tokens (bounding the sampler's memory per task). Results reproduce exactly for the same seed and partitions.")
  public int partitions = 0;

  @Option(names = "--sweeps-per-merge",
      description = "gibbs over several partitions: sweeps each partition makes against its own copy of the word-topic counts before the partitions' changes are merged and shared; more saves Spark's synchronisation, at the cost of copies that drift apart for longer (default: ${DEFAULT-VALUE}).")
  public int sweepsPerMerge = 5;

  @Option(names = "--bootstrap", description = "Bootstrap replicates for the outlet_topics intervals (default: ${DEFAULT-VALUE}).")
  public int bootstrap = 200;

  @Option(names = "--topic-model", paramLabel = "DIR",
      description = "Apply this saved model (a folder models/topics_kK of an earlier run) to the documents instead of fitting one.")
  public String model;

  /** The values of k to fit; the default (20) is lowered to the number of documents for tiny corpora. */
  public List<Integer> ks(long documents) {
    if (!k.isEmpty()) {
      return k;
    }
    return List.of((int) Math.max(2, Math.min(DEFAULT_K, documents)));
  }

  public int iterationsFor(Optimizer opt) {
    if (iterations > 0) {
      return iterations;
    }
    return switch (opt) {
      case gibbs -> 1000;
      case online -> 100;
      case em -> 50;
    };
  }

  /**
   * The largest document frequency a term may have, as a share of the documents. The default 0.5 holds wherever
   * it leaves some admissible frequency (floor(0.5 N) >= --topic-min-df, so from 4 documents on with the default
   * min-df 2); below that it is lifted to 1, since a bound that admits no term would leave no model at all. A value
   * given by the user always holds.
   */
  public double maxDfFor(long documents) {
    if (maxDf != null) {
      return maxDf;
    }
    return Math.floor(DEFAULT_MAX_DF * documents) >= minDf ? DEFAULT_MAX_DF : 1.0;
  }
}
