package org.framelens.topics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.commons.math3.special.Gamma;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LDA by collapsed Gibbs sampling distributed over Spark partitions: approximate distributed LDA (Newman, Asuncion,
 * Smyth & Welling 2009). Each partition sweeps its documents against a broadcast copy of the word-topic counts,
 * updating that copy as it goes, for one sweep or a few ({@code sweepsPerMerge}); then the partitions' count changes
 * are summed (on the executors, then the driver) and the new counts broadcast for the next sweep. A partition sweeps word by word, so that the word's row of
 * counts stays in cache while its tokens are drawn, and each draw uses a bucket decomposition in the manner of
 * SparseLDA (Yao, Mimno & McCallum 2009): a smoothing bucket whose total is maintained in O(1), and a document bucket
 * over the document's nonzero topics only, so a draw costs the few topics a document uses rather than k. Alpha (asymmetric) and beta are
 * re-estimated every few sweeps as MALLET does (see {@link Hyperparameters}).
 *
 * <p>No maintained library samples LDA this way on Spark (MLlib offers EM and online variational Bayes only), hence
 * this class. Topic assignments stay on the executors, in the cached blocks; only the k x V counts (k * V * 4 bytes,
 * 4 MB for k = 20 over 50,000 terms), their changes and the histograms for the priors travel.
 */
public final class GibbsSampler {
  private static final Logger LOG = LoggerFactory.getLogger(GibbsSampler.class);
  /**
   * Lineage is cut at the merge that ends or passes every this many sweeps, and the executors drop older broadcasts;
   * recomputing a lost block replays at most this many sweeps, and one merge's more.
   */
  static final int CHECKPOINT_EVERY = 20;
  /** Levels of the executors' merge of a sweep's reports (Spark's treeReduce; its own default). */
  private static final int MERGE_DEPTH = 2;

  private final Plan plan;
  /** Called on the driver after every merge with the sweep it ends and the counts (for tests and progress). */
  private SweepListener listener = (sweep, nwk, nk) -> {};

  public interface SweepListener {
    void afterSweep(int sweep, int[] wordTopic, int[] topicTotals);
  }

  /** What a fit does, sweep by sweep: the same on the driver and, for a corpus in one partition, inside the task. */
  record Plan(int k, int iterations, double alphaSum, double beta, int optimizeInterval, int burnIn, long seed,
      int sweepsPerMerge) implements Serializable {
    /** Whether the priors are re-estimated after the merge that ends the sweeps (from, to]. */
    boolean optimiseIn(int from, int to) {
      if (optimizeInterval <= 0 || to <= burnIn) {
        return false;
      }
      int first = Math.max(from, burnIn) + 1;
      return (first + optimizeInterval - 1) / optimizeInterval * optimizeInterval <= to;
    }

    /** Whether the log-likelihood is computed after the merge that ends the sweeps (from, to]. */
    boolean likelihoodIn(int from, int to) {
      return to == iterations || to / 50 > from / 50;
    }
  }

  /**
   * @param sweepsPerMerge how many sweeps each partition makes against its own copy of the counts before the
   *     partitions' changes are merged: 1 is approximate distributed LDA as published; more saves Spark's
   *     synchronisation (a job, a broadcast, a merge) on all but one sweep in this many, and lets each partition's
   *     copy drift from the others' for longer. A corpus sampled in one task is exact whatever this is.
   */
  public GibbsSampler(int k, int iterations, double alphaSum, double beta, int optimizeInterval, int burnIn, long seed,
      int sweepsPerMerge) {
    if (sweepsPerMerge < 1) {
      throw new IllegalArgumentException("sweeps per merge must be at least 1: " + sweepsPerMerge);
    }
    this.plan = new Plan(k, iterations, alphaSum, beta, optimizeInterval, burnIn, seed, sweepsPerMerge);
  }

  public GibbsSampler listener(SweepListener l) {
    this.listener = l;
    return this;
  }

  /**
   * The documents of one partition and their topic assignments, held word by word: the tokens of word w are
   * [wordStart[w], wordStart[w + 1]), each with its document (index into ids) and topic. A sweep makes a new block
   * and never changes one, so a block recomputed from its lineage is the same block.
   */
  static final class Block implements Serializable {
    /** The documents' ids, outlets and lengths: their words are in wordStart and tokenDoc, not held twice. */
    final String[] ids;
    final String[] outlets;
    final int[] lengths;
    final int[] wordStart;
    final int[] tokenDoc;
    final int[] z;
    /**
     * What the sweep that made this block reports: count changes as (index, delta) pairs, histograms, likelihood.
     * Kept with the block (not transient) so that a block spilled to disk still carries it.
     */
    Report report;
    /** The chain's state after the last sweep, on a block sampled wholly in one task. */
    Chain chain;

    Block(String[] ids, String[] outlets, int[] lengths, int[] wordStart, int[] tokenDoc, int[] z) {
      this.ids = ids;
      this.outlets = outlets;
      this.lengths = lengths;
      this.wordStart = wordStart;
      this.tokenDoc = tokenDoc;
      this.z = z;
    }
  }

  /**
   * What a sweep reports, for one partition or merged over several. The partitions' reports are merged on the
   * executors (treeReduce) before the driver sees them: early sweeps change most cells of the counts in every
   * partition, so collecting one list per partition sent the driver up to k x V changes times the number of
   * partitions per sweep (1.6 GB for 200 partitions at k = 20 over 50,000 terms, past Spark's default
   * spark.driver.maxResultSize of 1 GB); merged, it receives at most k x V changes from each of a few reports.
   */
  static final class Report implements Serializable {
    /** (cell, delta) pairs in increasing cell order, no delta zero. */
    int[] changes;
    Map<Integer, Long>[] topicDocCounts;
    /** Each partition's share of the documents' log-likelihood, by partition: summed in that order, whatever the merge order. */
    TreeMap<Integer, Double> docLogLikelihood = new TreeMap<>();

    /** A new report with both reports' changes summed cell by cell: the cached blocks keep their own. */
    static Report merge(Report a, Report b) {
      Report m = new Report();
      m.changes = sum(a.changes, b.changes);
      m.topicDocCounts = a.topicDocCounts == null ? b.topicDocCounts : b.topicDocCounts == null ? a.topicDocCounts
          : mergeHistograms(a.topicDocCounts, b.topicDocCounts);
      m.docLogLikelihood.putAll(a.docLogLikelihood);
      m.docLogLikelihood.putAll(b.docLogLikelihood);
      return m;
    }

    /** Two (cell, delta) lists in cell order merged into one, deltas of a cell in both summed, sums of zero left out. */
    static int[] sum(int[] a, int[] b) {
      int[] out = new int[a.length + b.length];
      int i = 0;
      int j = 0;
      int n = 0;
      while (i < a.length || j < b.length) {
        int cell;
        int delta;
        if (j == b.length || i < a.length && a[i] < b[j]) {
          cell = a[i];
          delta = a[i + 1];
          i += 2;
        } else if (i == a.length || b[j] < a[i]) {
          cell = b[j];
          delta = b[j + 1];
          j += 2;
        } else {
          cell = a[i];
          delta = a[i + 1] + b[j + 1];
          i += 2;
          j += 2;
        }
        if (delta != 0) {
          out[n++] = cell;
          out[n++] = delta;
        }
      }
      return java.util.Arrays.copyOf(out, n);
    }
  }

  /** What every task of a sweep receives. */
  record Shared(int[] wordTopic, int[] topicTotals, double[] alpha, double beta) implements Serializable {}

  /**
   * The merged state of the chain: counts, priors and likelihood, advanced sweep by sweep from the partitions'
   * reports. The driver keeps it when partitions synchronise after every sweep; a task keeps it when it holds the
   * whole corpus.
   */
  static final class Chain implements Serializable {
    final Plan plan;
    final int v;
    final Map<Integer, Long> docLengths;
    final long tokens;
    int[] nwk;
    int[] nk;
    double[] alpha;
    double beta;
    double logLik = Double.NaN;
    private final long t0 = System.nanoTime();
    private long lastLog = t0;

    Chain(Plan plan, int v, Map<Integer, Long> docLengths) {
      this.plan = plan;
      this.v = v;
      this.docLengths = docLengths;
      this.tokens = docLengths.entrySet().stream().mapToLong(e -> (long) e.getKey() * e.getValue()).sum();
      this.nwk = new int[v * plan.k()];
      this.nk = new int[plan.k()];
      this.alpha = new double[plan.k()];
      java.util.Arrays.fill(alpha, plan.alphaSum() / plan.k());
      this.beta = plan.beta();
    }

    Shared shared() {
      return new Shared(nwk, nk, alpha, beta);
    }

    void apply(Report r) {
      GibbsSampler.apply(r.changes, nwk, nk, plan.k());
    }

    /**
     * Adds the merged report of the sweeps (from, sweep] to new count arrays (the old ones may still be broadcast),
     * then the priors.
     */
    void absorb(int from, int sweep, Report r) {
      boolean optimise = plan.optimiseIn(from, sweep);
      nwk = nwk.clone();
      nk = nk.clone();
      apply(r);
      Map<Integer, Long>[] topicDocCounts = r.topicDocCounts;
      double docLl = 0;
      for (double partLl : r.docLogLikelihood.values()) {
        docLl += partLl;
      }
      if (plan.likelihoodIn(from, sweep)) {
        logLik = (docLl + wordLogLikelihood(nwk, nk, beta, v)) / tokens;
      }
      if (optimise) {
        alpha = Hyperparameters.alpha(alpha, topicDocCounts, docLengths);
        beta = Hyperparameters.beta(beta, v, nwk, nk);
      }
      long now = System.nanoTime();
      if (now - lastLog > 15e9 || sweep == plan.iterations()) {
        LOG.info("gibbs k={}: sweep {}/{}, {} s, {} tokens/s, log-likelihood per token {}, alpha sum {}, beta {}",
            plan.k(), sweep, plan.iterations(), Math.round((now - t0) / 1e9),
            Math.round(tokens * (double) sweep / ((now - t0) / 1e9)),
            String.format(java.util.Locale.ROOT, "%.4f", logLik), String.format(java.util.Locale.ROOT, "%.3f",
                Hyperparameters.sum(alpha)), String.format(java.util.Locale.ROOT, "%.5f", beta));
        lastLog = now;
      }
    }
  }

  /**
   * Fits over the documents' partitions. A corpus in one partition is sampled in a single task, all sweeps in a row:
   * with one partition the driver's merge adds nothing, so the sample is exactly the one the job-per-sweep loop draws,
   * without a Spark job (and its scheduling) per sweep, which on a small corpus costs more than the sampling.
   */
  public FittedTopics fit(JavaRDD<TopicDoc> docs, List<String> vocabulary) {
    return fit(docs, vocabulary, docs.getNumPartitions() == 1);
  }

  /** As {@link #fit(JavaRDD, List)}, with the path chosen by the caller (a test compares the two on one partition). */
  FittedTopics fit(JavaRDD<TopicDoc> docs, List<String> vocabulary, boolean inOneTask) {
    if (inOneTask && docs.getNumPartitions() != 1) {
      throw new IllegalArgumentException("one task samples one partition; the documents are in " + docs.getNumPartitions());
    }
    int v = vocabulary.size();
    Map<Integer, Long> docLengths = new TreeMap<>(docs.map(d -> d.words().length).countByValue());
    final Plan p = plan;
    JavaRDD<Block> init = docs.mapPartitionsWithIndex((i, it) -> initialise(it, p.k(), v, p.seed(), i), true);
    return inOneTask ? fitInOneTask(init, vocabulary, docLengths)
        : fitAcrossPartitions(init, vocabulary, docLengths);
  }

  private FittedTopics fitInOneTask(JavaRDD<Block> init, List<String> vocabulary, Map<Integer, Long> docLengths) {
    final Plan p = plan;
    final int v = vocabulary.size();
    JavaRDD<Block> done = init.mapPartitionsWithIndex((i, blocks) -> {
      Chain chain = new Chain(p, v, docLengths);
      if (!blocks.hasNext()) {
        return blocks;
      }
      Block b = blocks.next();
      chain.apply(b.report);
      for (int sweep = 1; sweep <= p.iterations(); sweep++) {
        b = sweep(List.of(b).iterator(), chain.shared(), p.k(), p.seed(), sweep - 1, sweep, i,
            p.optimiseIn(sweep - 1, sweep), p.likelihoodIn(sweep - 1, sweep)).next();
        chain.absorb(sweep - 1, sweep, b.report);
      }
      b.chain = chain;
      return List.of(b).iterator();
    }, true).persist(StorageLevel.MEMORY_AND_DISK());
    Chain chain = done.map(b -> b.chain).first();
    listener.afterSweep(p.iterations(), chain.nwk, chain.nk);
    return finish(done, vocabulary, chain);
  }

  private FittedTopics fitAcrossPartitions(JavaRDD<Block> init, List<String> vocabulary, Map<Integer, Long> docLengths) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(init.context());
    final Plan p = plan;
    Chain chain = new Chain(p, vocabulary.size(), docLengths);
    JavaRDD<Block> state = init.persist(StorageLevel.MEMORY_AND_DISK());
    chain.apply(state.map(b -> b.report).treeReduce(Report::merge, MERGE_DEPTH));
    listener.afterSweep(0, chain.nwk, chain.nk);
    List<Broadcast<Shared>> live = new ArrayList<>();
    for (int from = 0; from < p.iterations(); from += p.sweepsPerMerge()) {
      long tSweep = System.nanoTime();
      Broadcast<Shared> shared = jsc.broadcast(chain.shared());
      live.add(shared);
      final int first = from;
      final int sweep = Math.min(from + p.sweepsPerMerge(), p.iterations());
      final boolean optimise = p.optimiseIn(from, sweep);
      final boolean likelihood = p.likelihoodIn(from, sweep);
      JavaRDD<Block> next = state.mapPartitionsWithIndex(
          (i, blocks) -> sweep(blocks, shared.value(), p.k(), p.seed(), first, sweep, i, optimise, likelihood), true)
          .persist(StorageLevel.MEMORY_AND_DISK());
      boolean cut = sweep / CHECKPOINT_EVERY > from / CHECKPOINT_EVERY;
      if (cut) {
        if (jsc.getCheckpointDir().isPresent()) {
          next.checkpoint();
        } else {
          next.rdd().localCheckpoint();
        }
      }
      long tJob = System.nanoTime();
      Report merged = next.map(b -> b.report).treeReduce(Report::merge, MERGE_DEPTH);
      long tMerge = System.nanoTime();
      state.unpersist(false);
      state = next;
      if (cut) {
        // The cut lineage no longer needs the window's counts, and unpersisting frees nothing in local mode (the
        // driver's copy stays until a full GC finds the Broadcast unreachable): destroy them now, all but this
        // sweep's, which the checkpointed RDD's own function still references and later tasks serialise.
        List<Broadcast<Shared>> cutOff = live.subList(0, live.size() - 1);
        cutOff.forEach(b -> b.destroy(false));
        cutOff.clear();
      }
      chain.absorb(from, sweep, merged);
      listener.afterSweep(sweep, chain.nwk, chain.nk);
      if (LOG.isDebugEnabled()) {
        LOG.debug("gibbs sweep {}: broadcast {} ms, sampling job {} ms, driver {} ms", sweep, (tJob - tSweep) / 1_000_000,
            (tMerge - tJob) / 1_000_000, (System.nanoTime() - tMerge) / 1_000_000);
      }
    }
    FittedTopics f = finish(state, vocabulary, chain);
    for (Broadcast<Shared> b : live) {
      b.unpersist(false);
    }
    return f;
  }

  private FittedTopics finish(JavaRDD<Block> state, List<String> vocabulary, Chain chain) {
    int k = plan.k();
    int v = vocabulary.size();
    double[][] phi = new double[k][v];
    for (int t = 0; t < k; t++) {
      double denom = chain.nk[t] + v * chain.beta;
      for (int w = 0; w < v; w++) {
        phi[t][w] = (chain.nwk[w * k + t] + chain.beta) / denom;
      }
    }
    final double[] a = chain.alpha;
    JavaRDD<DocTopics> theta = state.flatMap(b -> thetas(b, a).iterator()).persist(StorageLevel.MEMORY_AND_DISK());
    theta.count();
    state.unpersist(false);
    return new FittedTopics("gibbs", k, vocabulary, phi, theta, chain.alpha, chain.beta, plan.iterations(),
        chain.logLik, null);
  }

  static Iterator<Block> initialise(Iterator<TopicDoc> it, int k, int v, long seed, int partition) {
    List<TopicDoc> docs = new ArrayList<>();
    it.forEachRemaining(docs::add);
    int[] wordStart = new int[v + 1];
    for (TopicDoc d : docs) {
      for (int w : d.words()) {
        wordStart[w + 1]++;
      }
    }
    for (int w = 0; w < v; w++) {
      wordStart[w + 1] += wordStart[w];
    }
    int[] fill = java.util.Arrays.copyOf(wordStart, v);
    int[] tokenDoc = new int[wordStart[v]];
    for (int d = 0; d < docs.size(); d++) {   // documents in order: each word's tokens end sorted by document
      for (int w : docs.get(d).words()) {
        tokenDoc[fill[w]++] = d;
      }
    }
    SplittableRandom rng = new SplittableRandom(mix(seed, 0, partition));
    int[] z = new int[tokenDoc.length];
    int[] counts = new int[v * k];
    for (int w = 0; w < v; w++) {
      for (int i = wordStart[w]; i < wordStart[w + 1]; i++) {
        z[i] = rng.nextInt(k);
        counts[w * k + z[i]]++;
      }
    }
    String[] ids = new String[docs.size()];
    String[] outlets = new String[docs.size()];
    int[] lengths = new int[docs.size()];
    for (int d = 0; d < docs.size(); d++) {
      ids[d] = docs.get(d).id();
      outlets[d] = docs.get(d).outlet();
      lengths[d] = docs.get(d).words().length;
    }
    Block b = new Block(ids, outlets, lengths, wordStart, tokenDoc, z);
    b.report = new Report();
    b.report.changes = changes(counts, new int[v * k]);
    return List.of(b).iterator();
  }

  /**
   * The sweeps (from, to] over a partition's block, each word by word (see the class comment), against the task's own
   * copy of the counts, which each sweep updates for the next. For the current word w, with
   * c_t = (n_wt + beta) / (n_t + V beta), p(t) is proportional to alpha_t c_t + n_dt c_t: a smoothing bucket whose
   * total is kept up to date in O(1) per token, and a document bucket over the document's nonzero topics only. The
   * report holds the counts' changes over all the sweeps, and after the last one the histograms and likelihood asked
   * for.
   */
  static Iterator<Block> sweep(Iterator<Block> blocks, Shared shared, int k, long seed, int from, int to, int partition,
      boolean histograms, boolean likelihood) {
    if (!blocks.hasNext()) {
      return blocks;
    }
    Block old = blocks.next();
    int[] nwk = shared.wordTopic().clone();
    int[] nk = shared.topicTotals().clone();
    double[] alpha = shared.alpha();
    double beta = shared.beta();
    int v = nwk.length / k;
    double betaSum = beta * v;
    int nDocs = old.ids.length;
    int[] z = old.z.clone();
    int[] tokenDoc = old.tokenDoc;
    int[] ndk = new int[nDocs * k];
    for (int i = 0; i < z.length; i++) {
      ndk[tokenDoc[i] * k + z[i]]++;
    }
    // Each document's nonzero topics: topics[d * k, d * k + size[d]), in topic order at the start of each sweep (so
    // that a sweep draws the same sample whether or not the one before it ran in the same task), unordered after.
    int[] topics = new int[nDocs * k];
    int[] size = new int[nDocs];
    double[] c = new double[k];
    double[] r = new double[k];
    for (int sweep = from + 1; sweep <= to; sweep++) {
      for (int d = 0; d < nDocs; d++) {
        size[d] = 0;
        for (int t = 0; t < k; t++) {
          if (ndk[d * k + t] > 0) {
            topics[d * k + size[d]++] = t;
          }
        }
      }
      SplittableRandom rng = new SplittableRandom(mix(seed, sweep, partition));
      for (int w = 0; w < v; w++) {
        int firstToken = old.wordStart[w];
        int endToken = old.wordStart[w + 1];
        if (firstToken == endToken) {
          continue;
        }
        int base = w * k;
        double smoothing = 0;   // sum over t of alpha_t c_t
        for (int t = 0; t < k; t++) {
          c[t] = (nwk[base + t] + beta) / (nk[t] + betaSum);
          smoothing += alpha[t] * c[t];
        }
        for (int i = firstToken; i < endToken; i++) {
          int d = tokenDoc[i];
          int row = d * k;
          int t = z[i];
          // take the token out
          smoothing -= alpha[t] * c[t];
          nwk[base + t]--;
          nk[t]--;
          c[t] = (nwk[base + t] + beta) / (nk[t] + betaSum);
          smoothing += alpha[t] * c[t];
          if (--ndk[row + t] == 0) {
            int j = row;
            while (topics[j] != t) {
              j++;
            }
            topics[j] = topics[row + --size[d]];
          }
          // document bucket over the document's nonzero topics
          double docSum = 0;
          int n = size[d];
          for (int j = 0; j < n; j++) {
            int u = topics[row + j];
            docSum += ndk[row + u] * c[u];
            r[j] = docSum;
          }
          double draw = rng.nextDouble() * (docSum + smoothing);
          int nt = -1;
          if (draw < docSum) {
            for (int j = 0; j < n; j++) {
              if (draw < r[j]) {
                nt = topics[row + j];
                break;
              }
            }
          } else {
            draw -= docSum;
            for (int u = 0; u < k; u++) {
              draw -= alpha[u] * c[u];
              if (draw < 0) {
                nt = u;
                break;
              }
            }
          }
          if (nt < 0) {   // rounding left the draw past the last topic
            nt = n > 0 ? topics[row + n - 1] : k - 1;
          }
          // put it back under its new topic
          smoothing -= alpha[nt] * c[nt];
          nwk[base + nt]++;
          nk[nt]++;
          c[nt] = (nwk[base + nt] + beta) / (nk[nt] + betaSum);
          smoothing += alpha[nt] * c[nt];
          if (ndk[row + nt]++ == 0) {
            topics[row + size[d]++] = nt;
          }
          z[i] = nt;
        }
      }
    }
    Report report = new Report();
    report.changes = changes(nwk, shared.wordTopic());
    if (histograms) {
      @SuppressWarnings("unchecked")
      Map<Integer, Long>[] hist = new Map[k];
      for (int t = 0; t < k; t++) {
        hist[t] = new TreeMap<>();
      }
      for (int d = 0; d < nDocs; d++) {
        for (int j = 0; j < size[d]; j++) {
          int t = topics[d * k + j];
          hist[t].merge(ndk[d * k + t], 1L, Long::sum);
        }
      }
      report.topicDocCounts = hist;
    }
    if (likelihood) {
      double a0 = Hyperparameters.sum(alpha);
      double ll = 0;
      for (int d = 0; d < nDocs; d++) {
        for (int j = 0; j < size[d]; j++) {
          int t = topics[d * k + j];
          ll += Gamma.logGamma(alpha[t] + ndk[d * k + t]) - Gamma.logGamma(alpha[t]);
        }
        ll += Gamma.logGamma(a0) - Gamma.logGamma(a0 + old.lengths[d]);
      }
      report.docLogLikelihood.put(partition, ll);
    }
    Block b = new Block(old.ids, old.outlets, old.lengths, old.wordStart, tokenDoc, z);
    b.report = report;
    return List.of(b).iterator();
  }

  /** Nonzero differences now - before, as (index, delta) pairs. */
  static int[] changes(int[] now, int[] before) {
    int n = 0;
    for (int i = 0; i < now.length; i++) {
      if (now[i] != before[i]) {
        n++;
      }
    }
    int[] out = new int[2 * n];
    int j = 0;
    for (int i = 0; i < now.length; i++) {
      if (now[i] != before[i]) {
        out[j++] = i;
        out[j++] = now[i] - before[i];
      }
    }
    return out;
  }

  private static void apply(int[] changes, int[] nwk, int[] nk, int k) {
    for (int j = 0; j < changes.length; j += 2) {
      nwk[changes[j]] += changes[j + 1];
      nk[changes[j] % k] += changes[j + 1];
    }
  }

  /** New histograms, topic by topic, with both reports' counts summed. */
  private static Map<Integer, Long>[] mergeHistograms(Map<Integer, Long>[] a, Map<Integer, Long>[] b) {
    @SuppressWarnings("unchecked")
    Map<Integer, Long>[] sum = new Map[a.length];
    for (int t = 0; t < a.length; t++) {
      sum[t] = new TreeMap<>(a[t]);
      for (Map.Entry<Integer, Long> e : b[t].entrySet()) {
        sum[t].merge(e.getKey(), e.getValue(), Long::sum);
      }
    }
    return sum;
  }

  /** The words' part of ln p(w, z): sum over topics of ln Gamma(V beta) - ln Gamma(V beta + n_k) + sum_w ... */
  static double wordLogLikelihood(int[] nwk, int[] nk, double beta, int v) {
    double ll = 0;
    int k = nk.length;
    double lgBeta = Gamma.logGamma(beta);
    for (int c : nwk) {
      if (c > 0) {
        ll += Gamma.logGamma(beta + c) - lgBeta;
      }
    }
    for (int t = 0; t < k; t++) {
      ll += Gamma.logGamma(v * beta) - Gamma.logGamma(v * beta + nk[t]);
    }
    return ll;
  }

  /** theta_dk = (n_dk + alpha_k) / (n_d + alpha_0), from the final sample, as MALLET reports it. */
  static List<DocTopics> thetas(Block b, double[] alpha) {
    int k = alpha.length;
    double a0 = Hyperparameters.sum(alpha);
    double[][] counts = new double[b.ids.length][k];
    for (int i = 0; i < b.z.length; i++) {
      counts[b.tokenDoc[i]][b.z[i]]++;
    }
    List<DocTopics> out = new ArrayList<>(b.ids.length);
    for (int d = 0; d < counts.length; d++) {
      double[] w = counts[d];
      for (int t = 0; t < k; t++) {
        w[t] = (w[t] + alpha[t]) / (b.lengths[d] + a0);
      }
      out.add(new DocTopics(b.ids[d], b.outlets[d], b.lengths[d], w));
    }
    return out;
  }

  /** A seed per (run seed, sweep, partition), so a recomputed block is the same block. */
  static long mix(long seed, int sweep, int partition) {
    long h = seed * 0x9E3779B97F4A7C15L + sweep * 0xC2B2AE3D27D4EB4FL + partition * 0x165667B19E3779F9L;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
