package org.framelens.topics;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.framelens.output.Tables;
import org.framelens.pipeline.FramelensException;
import org.framelens.pipeline.RunContext;
import org.framelens.pipeline.Settings;
import org.framelens.pipeline.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic models over doc_terms: one model per value of --k (or a saved model applied), each with its topics' terms,
 * the documents' distributions, outlet prevalence with bootstrap intervals, and quality diagnostics. Fitted models
 * are saved under models/topics_k&lt;K&gt;/ in the output folder.
 */
public final class TopicsStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(TopicsStage.class);
  public static final String MODELS_FOLDER = "models";
  static final int TOP_TERMS = 30;
  static final int MIN_DOCS_TO_OPTIMIZE = 50;

  @Override
  public String name() {
    return "topics";
  }

  @Override
  public Set<String> requires(Settings s) {
    return Set.of(Tables.DOCUMENTS.name(), Tables.DOC_TERMS.name());
  }

  @Override
  public Set<String> provides(Settings s) {
    return Set.of(Tables.TOPIC_MODELS.name(), Tables.TOPIC_TERMS.name(), Tables.DOC_TOPICS.name(),
        Tables.OUTLET_TOPICS.name(), Tables.TOPIC_QUALITY.name());
  }

  @Override
  public void run(RunContext ctx) {
    TopicOptions o = ctx.settings.topics;
    check(o);
    int partitions = o.partitions > 0 ? o.partitions : ctx.spark.sparkContext().defaultParallelism();
    var docTerms = ctx.table(Tables.DOC_TERMS);
    SavedTopicModel saved = o.model == null ? null : SavedTopicModel.load(ctx.spark, o.model);
    TopicCorpus corpus = saved == null ? TopicCorpus.fit(ctx.spark, docTerms, o, partitions)
        : TopicCorpus.over(ctx.spark, docTerms, o, saved.vocabulary, partitions);
    // The terms stage counted the same documents when it ran in this run; otherwise one column is counted.
    long counted = ctx.counts.get("counted_documents") instanceof Long n ? n
        : ctx.table(Tables.DOCUMENTS).filter(col("duplicate_of").isNull()).count();
    LOG.info("topics: {} documents, {} tokens, vocabulary {} ({} partitions)", corpus.documents, corpus.tokens,
        corpus.vocabulary.size(), partitions);
    ctx.counts.put("topic_documents", corpus.documents);
    ctx.counts.put("topic_documents_without_terms", counted - corpus.documents);
    ctx.counts.put("topic_tokens", corpus.tokens);
    ctx.counts.put("topic_vocabulary", corpus.vocabulary.size());

    // The sampler cuts its lineage every few sweeps. Local checkpoints live in the executors, so on a cluster a lost
    // executor would take the sampler's state with it: there they go to the output's file system instead.
    // A folder set by the user is kept; one an earlier run of this session set (its staging is gone) is replaced.
    var sc = ctx.spark.sparkContext();
    if (!sc.isLocal() && (sc.getCheckpointDir().isEmpty() || sc.getCheckpointDir().get().contains("/_scratch/checkpoints/"))) {
      sc.setCheckpointDir(ctx.out.scratch("checkpoints").toString());
    }
    List<Row> models = new ArrayList<>();
    List<Row> terms = new ArrayList<>();
    List<Row> quality = new ArrayList<>();
    JavaRDD<Row> docTopics = null;
    JavaRDD<Row> outletTopics = null;
    List<FittedTopics> fits = new ArrayList<>();
    Path modelsDir = saved == null ? ctx.out.stageFolder(MODELS_FOLDER) : null;
    List<Integer> ks = saved == null ? o.ks(corpus.documents) : List.of(saved.k());
    for (int k : ks) {
      long t0 = System.nanoTime();
      LOG.info("topics: fitting k={} with {}", k, saved == null ? o.optimizer : "the saved model " + o.model);
      FittedTopics f = saved != null ? saved.apply(ctx.spark, corpus, o.seed) : fit(ctx, corpus, o, k);
      fits.add(f);
      TopicQuality.Result q = TopicQuality.of(f, corpus);
      String modelPath;
      if (saved == null) {
        modelPath = MODELS_FOLDER + "/topics_k" + k;
        SavedTopicModel.save(ctx.spark, ctx.out.fileSystem(), new Path(modelsDir, "topics_k" + k), f, o.seed, ctx.runId);
      } else {
        modelPath = o.model;
      }
      double seconds = Math.round((System.nanoTime() - t0) / 1e7) / 100.0;
      double meanNpmi = q.topics().stream().mapToDouble(TopicQuality.Topic::npmi).average().orElse(Double.NaN);
      double minNpmi = q.topics().stream().mapToDouble(TopicQuality.Topic::npmi).min().orElse(Double.NaN);
      models.add(RowFactory.create(k, f.optimizer(), f.iterations(), o.seed, corpus.documents, corpus.tokens,
          corpus.vocabulary.size(), Hyperparameters.sum(f.alpha()), f.beta(), q.logLikelihood(), q.perplexity(),
          Double.isNaN(f.jointLogLikelihood()) ? null : f.jointLogLikelihood(), meanNpmi, minNpmi,
          q.topics().stream().mapToDouble(TopicQuality.Topic::umass).average().orElse(Double.NaN),
          q.topics().stream().mapToDouble(TopicQuality.Topic::exclusivity).average().orElse(Double.NaN),
          seconds, modelPath));
      for (int t = 0; t < k; t++) {
        String label = f.label(t);
        int rank = 1;
        for (int w : f.top(t, TOP_TERMS)) {
          terms.add(RowFactory.create(k, t, rank++, f.vocabulary().get(w), f.phi()[t][w], label));
        }
        TopicQuality.Topic tq = q.topics().get(t);
        quality.add(RowFactory.create(k, t, label, tq.npmi(), tq.umass(), tq.exclusivity(), tq.effectiveWords(),
            tq.share(), q.logLikelihood(), q.perplexity()));
      }
      final int kk = k;
      JavaRDD<Row> dt = f.theta().flatMap(d -> {
        List<Row> rows = new ArrayList<>(kk);
        for (int t = 0; t < kk; t++) {
          rows.add(RowFactory.create(kk, d.id(), d.outlet(), t, d.weights()[t]));
        }
        return rows.iterator();
      });
      JavaRDD<Row> ot = OutletShares.rows(f.theta(), k, o.bootstrap, o.seed)
          .map(r -> RowFactory.create(kk, r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6),
              r.get(7), r.get(8), r.get(9)));
      docTopics = docTopics == null ? dt : docTopics.union(dt);
      outletTopics = outletTopics == null ? ot : outletTopics.union(ot);
      LOG.info("topics k={}: {} s, mean NPMI {}, min NPMI {}, perplexity {}", k, seconds,
          String.format(java.util.Locale.ROOT, "%.3f", meanNpmi), String.format(java.util.Locale.ROOT, "%.3f", minNpmi),
          String.format(java.util.Locale.ROOT, "%.1f", q.perplexity()));
      ctx.figure("seconds_k" + k, seconds);
    }
    var spark = ctx.spark;
    ctx.out.write(Tables.TOPIC_MODELS, spark.createDataFrame(models, Tables.TOPIC_MODELS.schema()));
    ctx.out.write(Tables.TOPIC_TERMS, spark.createDataFrame(terms, Tables.TOPIC_TERMS.schema()));
    ctx.out.write(Tables.DOC_TOPICS, spark.createDataFrame(docTopics, Tables.DOC_TOPICS.schema()));
    ctx.out.write(Tables.OUTLET_TOPICS, spark.createDataFrame(outletTopics, Tables.OUTLET_TOPICS.schema()));
    ctx.out.write(Tables.TOPIC_QUALITY, spark.createDataFrame(quality, Tables.TOPIC_QUALITY.schema()));
    for (FittedTopics f : fits) {
      f.theta().unpersist(false);
    }
    corpus.release();
    ctx.figure("documents", corpus.documents);
    ctx.figure("tokens", corpus.tokens);
    ctx.figure("partitions", partitions);   // with the seed, what makes a Gibbs sample reproducible
  }

  private static FittedTopics fit(RunContext ctx, TopicCorpus corpus, TopicOptions o, int k) {
    if (o.optimizer.equals("gibbs")) {
      double alpha = o.alpha > 0 ? o.alpha : 5.0;
      double beta = o.beta > 0 ? o.beta : 0.01;
      int interval = o.optimizeInterval;
      if (corpus.documents < MIN_DOCS_TO_OPTIMIZE && interval > 0) {
        // Minka's fixed point needs many documents' counts; on a handful it swings between extremes.
        LOG.info("topics: {} documents are too few to estimate the priors from (at least {}): alpha and beta stay fixed",
            corpus.documents, MIN_DOCS_TO_OPTIMIZE);
        interval = 0;
      }
      return new GibbsSampler(k, o.iterationsFor("gibbs"), alpha, beta, interval, o.burnIn, o.seed)
          .fit(corpus.docs, corpus.vocabulary);
    }
    return MllibLda.fit(ctx.spark, corpus, o, k, o.optimizer);
  }

  private static void check(TopicOptions o) {
    if (!List.of("gibbs", "online", "em").contains(o.optimizer)) {
      throw new FramelensException("--optimizer must be gibbs, online or em, not '" + o.optimizer + "'");
    }
    for (int k : o.k) {
      if (k < 2) {
        throw new FramelensException("--k must be at least 2, not " + k);
      }
    }
    if (o.maxDf <= 0 || o.maxDf > 1) {
      throw new FramelensException("--topic-max-df is a share of the documents, in (0, 1], not " + o.maxDf);
    }
    if (o.bootstrap < 0 || o.vocabularySize < 1 || o.minDf < 1) {
      throw new FramelensException("--bootstrap must be >= 0, --topic-vocabulary and --topic-min-df >= 1");
    }
    if (o.optimizer.equals("em") && ((o.alpha > 0 && o.k.stream().anyMatch(k -> o.alpha / k <= 1))
        || (o.beta > 0 && o.beta <= 1))) {
      throw new FramelensException("--optimizer em needs priors above 1 (MLlib's EM works with their modes): "
          + "--alpha greater than the largest k, and --beta above 1; leave them unset for MLlib's defaults");
    }
  }
}
