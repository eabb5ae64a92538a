package org.framelens.terms;

import static org.apache.spark.sql.functions.*;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.framelens.pipeline.RunContext;
import org.framelens.output.OutputSpec;
import org.framelens.pipeline.Section;
import org.framelens.pipeline.Stage;
import org.framelens.pipeline.Validation;
import org.framelens.text.AnalysisOptions;
import org.framelens.text.StopWords;
import org.framelens.text.TextAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.framelens.corpus.CorpusTables;
import org.framelens.corpus.SelfReferences;

/**
 * Phrases, per-document term counts with tf-idf, and per-outlet totals, over the documents that are not duplicates.
 * Each document's bag of terms is built where the document lives; the only shuffles are the outlet totals and the
 * document frequencies, whose table (vocabulary-sized) is broadcast back to the documents.
 */
public final class TermsStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(TermsStage.class);
  private final AnalysisOptions analysis;
  private final TermsOptions terms;

  public TermsStage(AnalysisOptions analysis, TermsOptions terms) {
    this.analysis = analysis;
    this.terms = terms;
  }

  @Override
  public String name() {
    return "terms";
  }

  @Override
  public List<OutputSpec> requires() {
    return List.of(CorpusTables.DOCUMENTS);
  }

  @Override
  public List<OutputSpec> provides() {
    return List.of(TermTables.PHRASES, TermTables.DOC_TERMS, TermTables.OUTLET_TERMS);
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("analysis", analysis, "terms", terms);
  }

  @Override
  public void validate(Validation v) {
    v.require(terms.maxNgram >= 1 && terms.maxNgram <= 3, "--max-ngram", terms.maxNgram, "1 (no phrases), 2 or 3");
    v.require(terms.phraseMinCount >= 1, "--phrase-min-count", terms.phraseMinCount, "at least 1");
    v.require(terms.phraseMinNpmi >= -1 && terms.phraseMinNpmi <= 1, "--phrase-min-npmi", terms.phraseMinNpmi,
        "a normalised PMI, in [-1, 1]");
    v.require(terms.maxPhrases >= 0, "--max-phrases", terms.maxPhrases, "at least 0");
    v.check("--stopwords", () -> StopWords.load(analysis, v.hadoop()));
  }

  @Override
  public void run(RunContext ctx) {
    Set<String> stop = StopWords.load(analysis, ctx.spark.sparkContext().hadoopConfiguration());
    // Sentences are recomputed from the documents table rather than cached: Lucene analyzes about a million
    // tokens a second per core, faster than Spark can cache and re-read them.
    Dataset<Row> counted = ctx.table(CorpusTables.DOCUMENTS).filter(col("duplicate_of").isNull());
    Dataset<Row> texts = counted.select("doc_id", "outlet", "text");
    if (!analysis.keepSelfReferences) {
      texts = maskSelfReferences(ctx, counted);
    } else {
      ctx.count("self_references_masked", 0L);
      ctx.count("self_references_by_outlet", Map.of());
    }
    Dataset<Row> docs = TextAnalyzer.of(analysis, stop).transform(texts).select("doc_id", "outlet", "sentences");

    PhraseModel phrases = PhraseDetector.of(terms, stop, analysis.keepNumbers).fit(docs);
    ctx.out.write(TermTables.PHRASES, phrases.phrases(ctx.spark));
    LOG.info("{} phrases kept (min count {}, min npmi {})", phrases.size(), terms.phraseMinCount, terms.phraseMinNpmi);

    Dataset<Row> bags = phrases.transform(docs)
        .select(col("doc_id"), col("outlet"), col("terms"),
            expr("aggregate(filter(terms, t -> t.n = 1), 0, (acc, t) -> acc + t.count)").as("n_terms"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    long nDocs = bags.count();   // materialises the cache before two branches of one query read it
    Dataset<Row> perDoc = bags.select(col("doc_id"), col("outlet"), col("n_terms"), explode(col("terms")).as("t"))
        .select(col("doc_id"), col("outlet"), col("n_terms"), col("t.term").as("term"), col("t.n").as("n"),
            col("t.count").as("count"));

    Dataset<Row> outletTotals = bags.groupBy("outlet").agg(sum("n_terms").as("_total"));
    Dataset<Row> outletTerms = perDoc.groupBy("outlet", "term", "n")
        .agg(sum("count").as("count"), count(lit(1)).as("doc_freq"))
        .join(broadcast(outletTotals), "outlet")
        .withColumn("rate_per_10k", when(col("_total").gt(0), col("count").multiply(1e4).divide(col("_total"))).otherwise(0.0));
    ctx.out.write(TermTables.OUTLET_TERMS, outletTerms);

    // Document frequencies from the outlet table just written: each document belongs to exactly one outlet.
    Dataset<Row> df = ctx.table(TermTables.OUTLET_TERMS).groupBy("term", "n").agg(sum("doc_freq").as("_df"));
    double lnN1 = Math.log(nDocs + 1.0);
    Dataset<Row> docTerms = perDoc.join(broadcast(df), new String[] {"term", "n"})
        .withColumn("tf", col("count").divide(col("n_terms")))
        .withColumn("tfidf", col("tf").multiply(lit(lnN1).minus(log(col("_df").plus(1.0)))));
    long rows = ctx.out.write(TermTables.DOC_TERMS, docTerms);
    bags.unpersist();

    Row totals = ctx.table(TermTables.OUTLET_TERMS).agg(
        sum(when(col("n").equalTo(1), col("count")).otherwise(0L)),
        countDistinct(when(col("n").equalTo(1), col("term"))),
        sum(when(col("n").gt(1), col("count")).otherwise(0L))).first();
    ctx.count("counted_documents", nDocs);
    ctx.count("unigram_terms", totals.getLong(0));
    ctx.count("vocabulary", totals.getLong(1));
    ctx.count("phrases", (long) phrases.size());
    ctx.count("phrase_occurrences", totals.getLong(2));
    ctx.figure("documents", nDocs);
    // Tokens as ingest counts them (stop words included), over the documents counted here.
    Row tokens = ctx.table(CorpusTables.DOCUMENTS).filter(col("duplicate_of").isNull()).agg(sum("n_tokens")).first();
    ctx.figure("tokens", tokens.isNullAt(0) ? 0L : tokens.getLong(0));
    ctx.figure("doc_terms_rows", rows);
  }

  /**
   * Each document's text without its outlet's names for itself (see {@link SelfReferences}), counted per outlet in
   * the manifest with the forms matched.
   */
  private static Dataset<Row> maskSelfReferences(RunContext ctx, Dataset<Row> counted) {
    SelfReferences self = SelfReferences.of(ctx.table(CorpusTables.DOCUMENTS));
    var masker = udf(self.masker(), SelfReferences.MASKED);
    Dataset<Row> masked = counted.select(col("doc_id"), col("outlet"), masker.apply(col("outlet"), col("text")).as("_m"));
    Map<String, Long> perOutlet = new java.util.TreeMap<>();
    long total = 0;
    for (Row r : masked.groupBy("outlet").agg(sum("_m.masked").as("n")).filter(col("n").gt(0)).collectAsList()) {
      perOutlet.put(r.getString(0), r.getLong(1));
      total += r.getLong(1);
    }
    ctx.count("self_references_masked", total);
    ctx.count("self_references_by_outlet", perOutlet);
    ctx.count("self_reference_forms", self.forms());
    LOG.info("{} self-references masked in {} outlets", total, perOutlet.size());
    return masked.select(col("doc_id"), col("outlet"), col("_m.text").as("text"));
  }

  @Override
  public Optional<Section> report(RunContext ctx) {
    var c = ctx.manifest().path("counts");
    if (!ctx.has(TermTables.PHRASES) || !c.has("phrases")) {
      return Optional.empty();
    }
    List<String> top = ctx.table(TermTables.PHRASES).orderBy(col("count").desc(), col("term")).limit(8)
        .select("term").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    String line = String.format(Locale.ROOT, "Terms      vocabulary %,d; %,d phrases kept, e.g. %s%n",
        c.path("vocabulary").asLong(), c.path("phrases").asLong(), String.join(" | ", top));
    if (c.has("self_references_masked")) {
      line += String.format(Locale.ROOT, "Self-refs  %,d mentions of outlets' own names masked in their own documents, in %,d outlets%n",
          c.path("self_references_masked").asLong(), c.path("self_references_by_outlet").size());
    }
    return Optional.of(new Section(line, "```\n" + line + "```\n"));
  }
}
