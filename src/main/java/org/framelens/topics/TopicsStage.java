package org.framelens.topics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.framelens.output.FolderSpec;
import org.framelens.output.OutputSpec;
import org.framelens.pipeline.Chart;
import org.framelens.pipeline.RunContext;
import org.framelens.pipeline.Section;
import org.framelens.pipeline.Stage;
import org.framelens.pipeline.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.framelens.terms.TermTables;
import org.framelens.corpus.CorpusTables;

/**
 * Topic models over doc_terms: one model per value of --k (or a saved model applied), each with its topics' terms,
 * the documents' distributions, outlet prevalence with bootstrap intervals, and quality diagnostics. Fitted models
 * are saved under models/topics_k&lt;K&gt;/ in the output folder.
 */
public final class TopicsStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(TopicsStage.class);
  public static final FolderSpec MODELS = new FolderSpec("models", """
      Topic models saved by the topics stage, one folder per k (`topics_k20/`), to score other documents with the same
      topics (`framelens topics --topic-model DIR`). `metadata.json`: format `framelens-topic-model`, version 1,
      optimizer, k, vocabulary size, alpha (one value per topic), beta, iterations, seed, run id, framelens and Spark
      versions. `vocabulary/` (Parquet: id int, term string) and `topics/` (Parquet: topic int, weights array<double>,
      p(term | topic) indexed by vocabulary id). For online and em, `spark_model/` holds MLlib's `LocalLDAModel` in
      Spark ML's own format (`LocalLDAModel.load`).""", "topics_k*/metadata.json");
  static final int TOP_TERMS = 30;
  static final int MIN_DOCS_TO_OPTIMIZE = 50;
  private final TopicOptions o;

  public TopicsStage(TopicOptions options) {
    this.o = options;
  }

  @Override
  public String name() {
    return "topics";
  }

  @Override
  public List<OutputSpec> requires() {
    return List.of(CorpusTables.DOCUMENTS, TermTables.DOC_TERMS);
  }

  /** The saved models only when fitting: applying a saved model leaves models/ as it is. */
  @Override
  public List<OutputSpec> provides() {
    List<OutputSpec> p = new ArrayList<>(List.of(TopicTables.TOPIC_MODELS, TopicTables.TOPIC_TERMS, TopicTables.DOC_TOPICS,
        TopicTables.OUTLET_TOPICS, TopicTables.TOPIC_QUALITY));
    if (o.model == null) {
      p.add(MODELS);
    }
    return p;
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("topics", o);
  }

  @Override
  public void run(RunContext ctx) {
    var docTerms = ctx.table(TermTables.DOC_TERMS);
    SavedTopicModel saved = o.model == null ? null : SavedTopicModel.load(ctx.spark, o.model);
    TopicCorpus corpus = saved == null ? TopicCorpus.fit(ctx.spark, docTerms, o, o.partitions)
        : TopicCorpus.over(ctx.spark, docTerms, o, saved.vocabulary, o.partitions);
    long counted = ctx.table(CorpusTables.DOCUMENTS).filter(col("duplicate_of").isNull()).count();
    LOG.info("topics: {} documents, {} tokens, vocabulary {} ({} partitions)", corpus.documents, corpus.tokens,
        corpus.vocabulary.size(), corpus.partitions);
    if (o.partitions == 0 && corpus.partitions > 1) {
      // Chosen from the cores Spark had at this moment, which on a cluster with dynamic allocation vary from run to run.
      LOG.info("topics: {} partitions from Spark's default parallelism and the corpus size; the same seed draws the same"
          + " sample again with --topic-partitions {}", corpus.partitions, corpus.partitions);
    }
    ctx.count("topic_documents", corpus.documents);
    ctx.count("topic_documents_without_terms", counted - corpus.documents);
    ctx.count("topic_tokens", corpus.tokens);
    ctx.count("topic_vocabulary", corpus.vocabulary.size());

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
    if (saved == null) {
      ctx.count("topic_max_df", corpus.maxDf);
    }
    Path modelsDir = saved == null ? ctx.out.stageFolder(MODELS) : null;
    List<Integer> ks = saved == null ? o.ks(corpus.documents) : List.of(saved.k());
    for (int k : ks) {
      long t0 = System.nanoTime();
      LOG.info("topics: fitting k={} with {}", k, saved == null ? o.optimizer : "the saved model " + o.model);
      FittedTopics f = saved != null ? saved.apply(ctx.spark, corpus, o.seed) : fit(ctx, corpus, o, k);
      fits.add(f);
      TopicQuality.Result q = TopicQuality.of(f, corpus);
      String modelPath;
      if (saved == null) {
        modelPath = MODELS.name() + "/topics_k" + k;
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
    ctx.out.write(TopicTables.TOPIC_MODELS, spark.createDataFrame(models, TopicTables.TOPIC_MODELS.schema()));
    ctx.out.write(TopicTables.TOPIC_TERMS, spark.createDataFrame(terms, TopicTables.TOPIC_TERMS.schema()));
    ctx.out.write(TopicTables.DOC_TOPICS, spark.createDataFrame(docTopics, TopicTables.DOC_TOPICS.schema()));
    ctx.out.write(TopicTables.OUTLET_TOPICS, spark.createDataFrame(outletTopics, TopicTables.OUTLET_TOPICS.schema()));
    ctx.out.write(TopicTables.TOPIC_QUALITY, spark.createDataFrame(quality, TopicTables.TOPIC_QUALITY.schema()));
    for (FittedTopics f : fits) {
      f.theta().unpersist(false);
    }
    corpus.release();
    ctx.figure("documents", corpus.documents);
    ctx.figure("tokens", corpus.tokens);
    ctx.figure("partitions", corpus.partitions);   // with the seed, what makes a Gibbs sample reproducible
  }

  private static FittedTopics fit(RunContext ctx, TopicCorpus corpus, TopicOptions o, int k) {
    if (o.optimizer == TopicOptions.Optimizer.gibbs) {
      double alpha = o.alpha > 0 ? o.alpha : 5.0;
      double beta = o.beta > 0 ? o.beta : 0.01;
      int interval = o.optimizeInterval;
      if (corpus.documents < MIN_DOCS_TO_OPTIMIZE && interval > 0) {
        // Minka's fixed point needs many documents' counts; on a handful it swings between extremes.
        LOG.info("topics: {} documents are too few to estimate the priors from (at least {}): alpha and beta stay fixed",
            corpus.documents, MIN_DOCS_TO_OPTIMIZE);
        interval = 0;
      }
      return new GibbsSampler(k, o.iterationsFor(o.optimizer), alpha, beta, interval, o.burnIn, o.seed,
          o.sweepsPerMerge)
          .fit(corpus.docs, corpus.vocabulary);
    }
    return MllibLda.fit(ctx.spark, corpus, o, k, o.optimizer);
  }

  @Override
  public void validate(Validation v) {
    for (int k : o.k) {
      v.require(k >= 2, "--k", k, "at least 2 topics");
    }
    v.require(new java.util.HashSet<>(o.k).size() == o.k.size(), "--k", o.k, "each value once (one model per value)");
    v.require(o.maxDf == null || o.maxDf > 0 && o.maxDf <= 1, "--topic-max-df", o.maxDf, "a share of the documents, in (0, 1]");
    v.require(o.bootstrap >= 0, "--bootstrap", o.bootstrap, "at least 0");
    v.require(o.vocabularySize >= 1, "--topic-vocabulary", o.vocabularySize, "at least 1");
    v.require(o.minDf >= 1, "--topic-min-df", o.minDf, "at least 1");
    v.require(o.iterations >= 0, "--iterations", o.iterations, "0 (the optimizer's default) or more");
    v.require(o.optimizeInterval >= 0, "--optimize-interval", o.optimizeInterval, "0 (never) or more");
    v.require(o.burnIn >= 0, "--burn-in", o.burnIn, "at least 0");
    v.require(o.sweepsPerMerge >= 1, "--sweeps-per-merge", o.sweepsPerMerge, "at least 1");
    v.require(o.partitions >= 0, "--topic-partitions", o.partitions, "0 (chosen from the corpus size) or more");
    v.require(o.alpha >= 0 && o.beta >= 0, "--alpha/--beta", o.alpha + "/" + o.beta, "0 (the optimizer's default) or more");
    List<Integer> ks = o.k.isEmpty() ? List.of(TopicOptions.DEFAULT_K) : o.k;
    if (o.optimizer == TopicOptions.Optimizer.em && ((o.alpha > 0 && ks.stream().anyMatch(k -> o.alpha / k <= 1))
        || (o.beta > 0 && o.beta <= 1))) {
      v.problem("--optimizer em needs priors above 1 (MLlib's EM works with their modes): "
          + "--alpha greater than the largest k, and --beta above 1; leave them unset for MLlib's defaults");
    }
    if (o.model != null) {
      v.check("--topic-model", () -> SavedTopicModel.checkExists(o.model, v.hadoop()));
    }
  }

  /** Each model's topics: share, coherence, top terms, and the outlets that lean on the topic most. */
  /** Outlets drawn in the prevalence chart, those with most modelled documents. */
  static final int CHART_OUTLETS = 20;

  /**
   * For the largest model: each outlet's mean share of each topic with its 95% bootstrap interval (dot and
   * interval, a chooser of the topic), and the topics' top terms; the models' comparison when several k were fitted.
   */
  private static List<Chart> charts(RunContext ctx, List<Row> quality, Map<String, List<Row>> terms) {
    List<Row> models = ctx.table(TopicTables.TOPIC_MODELS).orderBy("k").collectAsList();
    if (models.isEmpty()) {
      return List.of();
    }
    int k = models.get(models.size() - 1).getAs("k");
    List<String> outlets = ctx.table(TopicTables.OUTLET_TOPICS).filter(col("k").equalTo(k)).groupBy("outlet").agg(max("n_docs").as("n"))
        .orderBy(col("n").desc(), col("outlet")).limit(CHART_OUTLETS).select("outlet").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    List<Row> rows = ctx.table(TopicTables.OUTLET_TOPICS).filter(col("k").equalTo(k).and(col("outlet").isin(outlets.toArray())))
        .join(ctx.table(TopicTables.TOPIC_QUALITY).filter(col("k").equalTo(k)).select("topic", "label"), "topic")
        .select(concat(lit("T"), col("topic"), lit(" "), col("label")).as("topic"), col("outlet"), col("n_docs"),
            col("mean_share"), col("ci_low"), col("ci_high"), col("corpus_share"))
        .orderBy("topic", "outlet").collectAsList();
    List<String> labels = quality.stream().filter(q -> (int) q.getAs("k") == k)
        .map(q -> "T" + q.getAs("topic") + " " + q.getAs("label")).toList();
    List<Chart> charts = new ArrayList<>();
    charts.add(Chart.vegaLite("topics-prevalence", "Attention to a topic, per outlet (k = " + k + ")",
        String.format(Locale.ROOT, "Mean share of the topic in each outlet's documents, with its 95%% bootstrap interval; the line is the corpus mean. The %d outlets with most modelled documents.", outlets.size()),
        """
        {"width": 560, "transform": [{"filter": "datum.topic === topic"}],
         "layer": [
           {"mark": {"type": "rule", "strokeWidth": 2, "color": "#7f8c8d"},
            "encoding": {"y": {"field": "outlet", "type": "nominal", "title": null},
                         "x": {"field": "ci_low", "type": "quantitative", "title": "mean share of the outlet's documents", "axis": {"format": "%"}}, "x2": {"field": "ci_high"}}},
           {"mark": {"type": "point", "filled": true, "size": 70, "tooltip": {"content": "data"}},
            "encoding": {"y": {"field": "outlet", "type": "nominal"}, "x": {"field": "mean_share", "type": "quantitative"}}},
           {"mark": {"type": "rule", "strokeDash": [4, 3], "color": "#b03a2e"},
            "encoding": {"x": {"aggregate": "mean", "field": "corpus_share", "type": "quantitative"}}}]}""",
        Chart.values(rows), List.of()).withChooser("topic", "topic", labels));
    List<List<Object>> top = new ArrayList<>();
    for (Row q : quality) {
      if ((int) q.getAs("k") == k) {
        top.add(List.of("T" + q.getAs("topic"), String.format(Locale.ROOT, "%.1f%%", 100 * (double) q.getAs("corpus_share")),
            String.format(Locale.ROOT, "%.3f", (double) q.getAs("npmi")), String.join(", ", terms.getOrDefault(k + "/" + q.getAs("topic"), List.of())
                .stream().map(r -> (String) r.getAs("term")).toList())));
      }
    }
    charts.add(Chart.table("topics-terms", "Topics and their top terms (k = " + k + ")",
        "Share of the corpus's tokens, NPMI coherence, and the eight heaviest terms (topic_terms holds them all).",
        List.of("topic", "share", "NPMI", "top terms"), top));
    if (models.size() > 1) {
      List<List<Object>> cmp = new ArrayList<>();
      for (Row m : models) {
        cmp.add(List.of(m.getAs("k"), m.getAs("optimizer"), String.format(Locale.ROOT, "%.3f", (double) m.getAs("mean_npmi")),
            String.format(Locale.ROOT, "%.3f", (double) m.getAs("min_npmi")), String.format(Locale.ROOT, "%.0f", (double) m.getAs("perplexity"))));
      }
      charts.add(Chart.table("topics-models", "The models compared", "One row per k fitted (topic_models).",
          List.of("k", "optimizer", "mean NPMI", "lowest NPMI", "perplexity"), cmp));
    }
    return charts;
  }

  @Override
  public Optional<Section> report(RunContext ctx) {
    if (!ctx.has(TopicTables.TOPIC_MODELS)) {
      return Optional.empty();
    }
    StringBuilder screen = new StringBuilder();
    StringBuilder report = new StringBuilder();
    Map<String, List<Row>> terms = new LinkedHashMap<>();
    for (Row r : ctx.table(TopicTables.TOPIC_TERMS).filter(col("rank").leq(8)).orderBy("k", "topic", "rank").collectAsList()) {
      terms.computeIfAbsent(r.getAs("k") + "/" + r.getAs("topic"), x -> new ArrayList<>()).add(r);
    }
    Map<String, List<Row>> leaning = new LinkedHashMap<>();
    var byDiff = org.apache.spark.sql.expressions.Window.partitionBy("k", "topic").orderBy(col("diff").desc(), col("outlet"));
    for (Row r : ctx.table(TopicTables.OUTLET_TOPICS).withColumn("_r", row_number().over(byDiff))
        .filter(col("_r").leq(3).and(col("diff").gt(0))).orderBy("k", "topic", "_r").collectAsList()) {
      leaning.computeIfAbsent(r.getAs("k") + "/" + r.getAs("topic"), x -> new ArrayList<>()).add(r);
    }
    List<Row> quality = ctx.table(TopicTables.TOPIC_QUALITY).orderBy(col("k"), col("corpus_share").desc()).collectAsList();
    for (Row m : ctx.table(TopicTables.TOPIC_MODELS).orderBy("k").collectAsList()) {
      int k = m.getAs("k");
      String title = String.format(Locale.ROOT,
          "Topics, k = %d (%s, %d iterations): mean NPMI %.3f, lowest %.3f, perplexity %.0f; saved in %s",
          k, m.getAs("optimizer"), (int) m.getAs("iterations"), (double) m.getAs("mean_npmi"),
          (double) m.getAs("min_npmi"), (double) m.getAs("perplexity"), m.getAs("model_path"));
      screen.append('\n').append(title).append(":\n");
      report.append("\n## ").append(title).append("\n\n| topic | share of tokens | NPMI | top terms | outlets leaning on it (difference from the corpus mean, 95% interval) |\n|---|---|---|---|---|\n");
      for (Row q : quality) {
        if ((int) q.getAs("k") != k) {
          continue;
        }
        String key = k + "/" + q.getAs("topic");
        String top = String.join(", ", terms.getOrDefault(key, List.of()).stream().map(r -> (String) r.getAs("term")).toList());
        String lean = String.join("; ", leaning.getOrDefault(key, List.of()).stream().map(r -> String.format(Locale.ROOT,
            "%s %+.1f pts [%+.1f, %+.1f]", r.getAs("outlet"), 100 * (double) r.getAs("diff"),
            r.isNullAt(r.fieldIndex("diff_ci_low")) ? Double.NaN : 100 * (double) r.getAs("diff_ci_low"),
            r.isNullAt(r.fieldIndex("diff_ci_high")) ? Double.NaN : 100 * (double) r.getAs("diff_ci_high"))).toList());
        String share = String.format(Locale.ROOT, "%.1f%%", 100 * (double) q.getAs("corpus_share"));
        String npmi = String.format(Locale.ROOT, "%.2f", (double) q.getAs("npmi"));
        screen.append(String.format(Locale.ROOT, "  T%-3d %6s  NPMI %5s  %s%n", (int) q.getAs("topic"), share, npmi, top));
        if (!lean.isEmpty()) {
          screen.append("              leaning: ").append(lean).append('\n');
        }
        report.append("| ").append((int) q.getAs("topic")).append(" | ").append(share).append(" | ").append(npmi)
            .append(" | ").append(top.replace("|", "\\|")).append(" | ").append(lean.replace("|", "\\|")).append(" |\n");
      }
    }
    return Optional.of(new Section(screen.toString(), report.toString(), charts(ctx, quality, terms)));
  }
}
