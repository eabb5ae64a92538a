package org.framelens.topics;

import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;
import org.framelens.output.Column;
import org.framelens.output.TableSpec;

/**
 * The tables of the topics stage. Bump a table's version whenever a column is added, removed, renamed or changes meaning;
 * docs/tables.md is generated from these specs (a test fails when they differ).
 */
public final class TopicTables {
  private TopicTables() {}

  public static final TableSpec TOPIC_MODELS = new TableSpec("topic_models", 1,
      "One row per fitted (or applied) model: the evidence for choosing k.",
      List.of(
          new Column("k", IntegerType, false, "Number of topics."),
          new Column("optimizer", StringType, false, "gibbs, online or em; `saved` when --topic-model applied an earlier model."),
          new Column("iterations", IntegerType, false, "Sweeps (gibbs) or iterations (online, em) run."),
          new Column("seed", LongType, false, "Random seed."),
          new Column("documents", LongType, false, "Modelled documents."),
          new Column("tokens", LongType, false, "Modelled tokens (terms of the topic vocabulary)."),
          new Column("vocabulary", IntegerType, false, "Terms in the topic vocabulary."),
          new Column("alpha_sum", DoubleType, false, "Sum of the document-topic prior after fitting (asymmetric for gibbs with hyperparameter optimisation)."),
          new Column("beta", DoubleType, false, "Topic-word prior per term after fitting."),
          new Column("log_likelihood", DoubleType, false, "As in topic_quality."),
          new Column("perplexity", DoubleType, false, "As in topic_quality."),
          new Column("joint_log_likelihood", DoubleType, true, "gibbs: ln p(words, topic assignments) per token of the last sample (MALLET's LL/token); null otherwise."),
          new Column("mean_npmi", DoubleType, false, "Mean of the topics' npmi."),
          new Column("min_npmi", DoubleType, false, "Lowest topic npmi: one incoherent topic shows here."),
          new Column("mean_umass", DoubleType, false, "Mean of the topics' umass."),
          new Column("mean_exclusivity", DoubleType, false, "Mean of the topics' exclusivity."),
          new Column("seconds", DoubleType, false, "Wall time of fitting and inference."),
          new Column("model_path", StringType, false, "Folder of the saved model, relative to the output folder (give it to --topic-model).")));

  public static final TableSpec TOPIC_TERMS = new TableSpec("topic_terms", 1,
      "The 30 heaviest terms of every topic of every fitted model.",
      List.of(
          new Column("k", IntegerType, false, "Number of topics of the model (a run can fit several, --k 10,20,40)."),
          new Column("topic", IntegerType, false, "Topic number, 0 to k - 1."),
          new Column("rank", IntegerType, false, "1 = the topic's heaviest term."),
          new Column("term", StringType, false, "Term, as in doc_terms."),
          new Column("weight", DoubleType, false, "p(term | topic); over the whole vocabulary a topic's weights sum to 1."),
          new Column("label", StringType, false, "The topic's three heaviest terms, joined by ' / ', to name it in plots.")));

  public static final TableSpec DOC_TOPICS = new TableSpec("doc_topics", 1,
      "Every modelled document's full topic distribution (documents with no term of the topic vocabulary are left out and counted in the run manifest).",
      List.of(
          new Column("k", IntegerType, false, "Number of topics of the model."),
          new Column("doc_id", StringType, false, "Document."),
          new Column("outlet", StringType, false, "The document's outlet."),
          new Column("topic", IntegerType, false, "Topic number."),
          new Column("weight", DoubleType, false,
              "p(topic | document); a document's k weights sum to 1. gibbs: (n_dk + alpha_k) / (n_d + alpha_0) from the last sample; online and em: MLlib's variational estimate.")));

  public static final TableSpec OUTLET_TOPICS = new TableSpec("outlet_topics", 1,
      "Topic prevalence per outlet with 95% bootstrap intervals (Poisson bootstrap over the outlet's documents, --bootstrap replicates), and its difference from the corpus mean.",
      List.of(
          new Column("k", IntegerType, false, "Number of topics of the model."),
          new Column("outlet", StringType, false, "Outlet."),
          new Column("topic", IntegerType, false, "Topic number."),
          new Column("n_docs", LongType, false, "The outlet's modelled documents."),
          new Column("mean_share", DoubleType, false, "Mean over the outlet's documents of p(topic | document)."),
          new Column("ci_low", DoubleType, true, "2.5th percentile of the bootstrap replicates of mean_share (null when no replicate drew a document of the outlet)."),
          new Column("ci_high", DoubleType, true, "97.5th percentile of the same replicates."),
          new Column("corpus_share", DoubleType, false, "Mean over all modelled documents of p(topic | document)."),
          new Column("diff", DoubleType, false, "mean_share - corpus_share: positive = the outlet gives the topic more attention than the corpus does."),
          new Column("diff_ci_low", DoubleType, true,
              "2.5th percentile of the replicates of the difference (outlet and corpus resampled together); above 0 = more attention than the corpus at 95%."),
          new Column("diff_ci_high", DoubleType, true, "97.5th percentile of the same; below 0 = less attention at 95%.")));

  public static final TableSpec TOPIC_QUALITY = new TableSpec("topic_quality", 1,
      "Diagnostics of every topic, computed over the modelled documents.",
      List.of(
          new Column("k", IntegerType, false, "Number of topics of the model."),
          new Column("topic", IntegerType, false, "Topic number."),
          new Column("label", StringType, false, "As in topic_terms."),
          new Column("npmi", DoubleType, false,
              "Coherence: mean over the 45 pairs of the topic's 10 heaviest terms of NPMI = ln(p(a,b) / (p(a) p(b))) / -ln p(a,b), p = share of modelled documents containing the term(s); a pair never seen together counts -1. Higher is better, at most 1."),
          new Column("umass", DoubleType, false,
              "UMass coherence (Mimno et al. 2011): mean over the same pairs of ln((D(a,b) + 1) / D(b)), b the higher-ranked term, D document counts. Closer to 0 is better."),
          new Column("exclusivity", DoubleType, false,
              "Mean over the 10 heaviest terms of p(term | topic) / sum over topics of p(term | topic'): 1 = terms no other topic uses."),
          new Column("effective_words", DoubleType, false, "1 / sum of p(term | topic)^2: how many terms the topic spreads over (MALLET's diagnostic)."),
          new Column("corpus_share", DoubleType, false, "Share of the modelled tokens the topic accounts for: sum_d p(topic | d) * tokens_d / tokens."),
          new Column("log_likelihood", DoubleType, false,
              "The model's log-likelihood of its training tokens, sum over tokens of ln sum_k p(k | d) p(w | k) (the same for every topic of a model)."),
          new Column("perplexity", DoubleType, false, "exp(-log_likelihood / tokens): lower fits the training documents better.")));
}
