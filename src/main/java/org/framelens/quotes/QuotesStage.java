package org.framelens.quotes;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.util.LongAccumulator;
import org.framelens.corpus.CorpusTables;
import org.framelens.entities.EntityTables;
import org.framelens.output.OutputSpec;
import org.framelens.pipeline.Chart;
import org.framelens.pipeline.RunContext;
import org.framelens.pipeline.Section;
import org.framelens.pipeline.Stage;
import org.framelens.pipeline.Validation;

/**
 * Whose voice each outlet carries: quotations (direct, partial, indirect), their speakers resolved to the entities
 * stage's entities, and each outlet's speakers and reporting verbs. Runs after entities, on its mentions; CoreNLP
 * (tokens, sentences, quotation marks) runs in the executors, once per counted document.
 */
public final class QuotesStage implements Stage {
  /** Outlets whose voices the summary prints on the screen (all of them go to report.md). */
  private static final int SCREEN_OUTLETS = 12;
  /** A voice counts as one outlet's own from two quotations: a single one is as often a passing source as a choice. */
  static final int EXCLUSIVE_MIN_QUOTES = 2;
  /** Documents per task: CoreNLP's tokenizer is fast, a task a few seconds. */
  static final int TASK_DOCUMENTS = 2_000;
  /** Outlets and speakers drawn in the report's chart. */
  static final int CHART_OUTLETS = 12;

  private final QuoteOptions o;
  private ReportingVerbs verbs;
  private Set<String> nouns;

  public QuotesStage(QuoteOptions options) {
    this.o = options;
  }

  @Override
  public String name() {
    return "quotes";
  }

  @Override
  public List<OutputSpec> requires() {
    return List.of(CorpusTables.DOCUMENTS, EntityTables.MENTIONS, EntityTables.ENTITIES);
  }

  @Override
  public List<OutputSpec> provides() {
    return List.of(QuoteTables.QUOTES, QuoteTables.SPEAKER_OUTLETS, QuoteTables.REPORTING_VERBS);
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("quotes", o);
  }

  @Override
  public void validate(Validation v) {
    v.require(o.topSpeakers >= 0, "--top-speakers", o.topSpeakers, "at least 0");
    v.check("--reporting-verbs", () -> verbs = ReportingVerbs.load(o.reportingVerbs, v.hadoop()));
    v.check("--speaker-nouns", () -> nouns = SpeakerNouns.load(o.speakerNouns, v.hadoop()));
  }

  @Override
  public void preload() {
    QuoteNlp.preload();
  }

  @Override
  public void run(RunContext ctx) {
    Dataset<Row> docs = ctx.table(CorpusTables.DOCUMENTS).filter(col("duplicate_of").isNull()).select("doc_id", "outlet", "text");
    long n = docs.count();
    int spread = Math.max(1, ctx.spark.sparkContext().defaultParallelism() * 2);
    int tasks = (int) Math.max(spread, Math.min(100_000L, (n + TASK_DOCUMENTS - 1) / TASK_DOCUMENTS));
    // Both sides hashed by document into the tasks the extraction runs in, and the mentions (the smaller side) held
    // in a hash table there: each text crosses the network once and is never sorted (a sort-merge join into the
    // shuffle partitions, then a round-robin repartition into the tasks, moved each text twice and sorted it once).
    docs = docs.repartition(tasks, col("doc_id"));
    Dataset<Row> mentions = ctx.table(EntityTables.MENTIONS).repartition(tasks, col("doc_id")).groupBy("doc_id")
        .agg(collect_list(struct(col("start"), col("end"), col("type"), col("entity_id"), col("surface"), col("descriptors"))).as("mentions"));
    Broadcast<ReportingVerbs> v = ctx.spark.sparkContext().broadcast(verbs, scala.reflect.ClassTag$.MODULE$.apply(ReportingVerbs.class));
    @SuppressWarnings("unchecked")
    Broadcast<Set<String>> sn = ctx.spark.sparkContext().broadcast(nouns, scala.reflect.ClassTag$.MODULE$.apply(Set.class));
    LongAccumulator rejected = ctx.spark.sparkContext().longAccumulator("quotes.rejected_pairings");
    Dataset<Row> found = docs.join(mentions.hint("shuffle_hash"), new String[] {"doc_id"}, "left")
        .flatMap(new QuoteExtractor(v, sn, rejected), Encoders.row(QuoteExtractor.SCHEMA));
    Dataset<Row> names = ctx.table(EntityTables.ENTITIES).select(col("entity_id").as("speaker_entity_id"), col("canonical_name"));
    Column nominal = regexp_replace(lower(col("speaker_surface")),
        "^(" + String.join("|", new java.util.TreeSet<>(QuoteFinder.DETERMINERS)) + ")\\s+", "");
    // No broadcast hint: the entities table grows with the corpus (123,368 rows on AllSides), and Spark broadcasts
    // it by itself while its files are under spark.sql.autoBroadcastJoinThreshold.
    Dataset<Row> quotes = found.join(names, new String[] {"speaker_entity_id"}, "left")
        .withColumn("speaker", when(col("canonical_name").isNotNull(), col("canonical_name"))
            .when(col("resolution").equalTo(QuoteFinder.NOMINAL), nominal)
            .when(col("resolution").isin(QuoteFinder.NAME, QuoteFinder.MENTION, QuoteFinder.PREVIOUS)
                .and(not(lower(col("speaker_surface")).isin("he", "she", "they", "we", "i"))), col("speaker_surface")));
    long nQuotes = ctx.out.write(QuoteTables.QUOTES, quotes);
    // The other tables and the counts from the staged table, not from a cache of every quotation's row: the
    // extraction, with its accumulator, runs once whatever the cache would have evicted, and no executor memory is
    // held (on sample-2000 the stage took the same time either way, 30-40 s, tables identical).
    quotes = ctx.table(QuoteTables.QUOTES);
    Dataset<Row> spoken = quotes.filter(col("speaker").isNotNull());
    ctx.out.write(QuoteTables.SPEAKER_OUTLETS, spoken.groupBy("outlet", "speaker", "speaker_entity_id")
        .agg(count(lit(1)).as("quotes"), sum("words").cast("long").as("words"), countDistinct("doc_id").as("documents"))
        .withColumn("share_of_quotes", col("quotes").divide(sum("quotes").over(Window.partitionBy("outlet"))))
        .withColumn("share_of_words", when(sum("words").over(Window.partitionBy("outlet")).gt(0),
            col("words").divide(sum("words").over(Window.partitionBy("outlet")))).otherwise(lit(0.0)))
        // A set of outlet names per speaker: bounded by the number of outlets.
        .withColumn("other_outlets", size(collect_set("outlet").over(Window.partitionBy("speaker"))).minus(1).cast("long")));
    ctx.out.write(QuoteTables.REPORTING_VERBS, spoken.filter(col("verb").isNotNull())
        .groupBy("outlet", "speaker", "verb").agg(count(lit(1)).as("count")));
    Map<String, Long> byKind = new LinkedHashMap<>();
    for (Row r : quotes.groupBy("kind").agg(count(lit(1)), count(col("speaker"))).collectAsList()) {
      byKind.put(r.getString(0), r.getLong(1));
      byKind.put(r.getString(0) + "_with_speaker", r.getLong(2));
    }
    ctx.count("quotes", nQuotes);
    for (String k : List.of(QuoteFinder.DIRECT, QuoteFinder.PARTIAL, QuoteFinder.INDIRECT)) {
      ctx.count("quotes_" + k, byKind.getOrDefault(k, 0L));
      ctx.count("quotes_" + k + "_with_speaker", byKind.getOrDefault(k + "_with_speaker", 0L));
    }
    ctx.count("quote_mark_pairings_rejected", rejected.value());
    ctx.figure("documents", n);
  }

  @Override
  public Optional<Section> report(RunContext ctx) {
    if (!ctx.has(QuoteTables.SPEAKER_OUTLETS)) {
      return Optional.empty();
    }
    var c = ctx.manifest().path("counts");
    StringBuilder screen = new StringBuilder(String.format(Locale.ROOT,
        "Quotes     %,d quotations: %,d direct (%,d with a speaker), %,d partial (%,d), %,d indirect; %,d mark pairings across paragraphs rejected%n",
        c.path("quotes").asLong(), c.path("quotes_direct").asLong(), c.path("quotes_direct_with_speaker").asLong(),
        c.path("quotes_partial").asLong(), c.path("quotes_partial_with_speaker").asLong(), c.path("quotes_indirect").asLong(),
        c.path("quote_mark_pairings_rejected").asLong()));
    Dataset<Row> top = ctx.table(QuoteTables.SPEAKER_OUTLETS)
        .withColumn("total", sum("quotes").over(Window.partitionBy("outlet")))
        .withColumn("r", row_number().over(Window.partitionBy("outlet").orderBy(col("quotes").desc(), col("speaker"))))
        .filter(col("r").leq(Math.max(o.topSpeakers, 10)));
    List<Row> rows = top.orderBy(col("total").desc(), col("outlet"), col("r")).collectAsList();
    Map<String, List<String>> voices = new LinkedHashMap<>();
    List<Map<String, Object>> values = new ArrayList<>();
    List<String> chartOutlets = new ArrayList<>();
    for (Row r : rows) {
      String outlet = r.getAs("outlet");
      if ((int) r.getAs("r") <= o.topSpeakers) {
        voices.computeIfAbsent(outlet, k -> new ArrayList<>()).add(String.format(Locale.ROOT, "%s (%d, %.0f%% of quotes, %.0f%% of words)",
            r.<String>getAs("speaker"), (long) r.getAs("quotes"), 100 * (double) r.getAs("share_of_quotes"), 100 * (double) r.getAs("share_of_words")));
      }
      if (!chartOutlets.contains(outlet) && chartOutlets.size() < CHART_OUTLETS) {
        chartOutlets.add(outlet);
      }
      if (chartOutlets.contains(outlet)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outlet", outlet);
        m.put("speaker", r.getAs("speaker"));
        m.put("quotes", r.getAs("quotes"));
        m.put("share_of_quotes", r.getAs("share_of_quotes"));
        m.put("share_of_words", r.getAs("share_of_words"));
        values.add(m);
      }
    }
    String title = "Most-quoted voices per outlet (quotes, share of the outlet's attributed quotes and of their words)";
    StringBuilder md = new StringBuilder("\n## ").append(title).append("\n\n```\n").append(screen).append("```\n\n| outlet | speakers |\n|---|---|\n");
    screen.append('\n').append(title).append(":\n");
    perOutlet(voices, screen, md);
    if (voices.size() > 1) {
      exclusive(ctx, new ArrayList<>(voices.keySet()), screen, md);
    }
    List<Chart> charts = new ArrayList<>();
    if (!values.isEmpty()) {
      charts.add(Chart.vegaLite("quotes-speakers", "Most-quoted voices of an outlet",
          String.format(Locale.ROOT, "The 10 speakers each outlet quotes most (direct, partial and indirect quotations with a speaker), for the %d outlets with most of them; speaker_outlets holds them all.", chartOutlets.size()),
          """
          {"width": 560, "transform": [{"filter": "datum.outlet === outlet"}],
           "mark": {"type": "bar"},
           "encoding": {"y": {"field": "speaker", "type": "nominal", "sort": "-x", "title": null},
                        "x": {"field": "quotes", "type": "quantitative", "title": "quotations"},
                        "tooltip": [{"field": "speaker"}, {"field": "quotes"}, {"field": "share_of_quotes", "format": ".1%"}, {"field": "share_of_words", "format": ".1%"}]}}""",
          values, List.of()).withChooser("outlet", "outlet", chartOutlets));
    }
    return Optional.of(new Section(screen.toString(), md.toString(), charts));
  }

  /** The voices one outlet carries and no other does, its most-quoted first, in the outlets' order above. */
  private void exclusive(RunContext ctx, List<String> outlets, StringBuilder screen, StringBuilder md) {
    List<Row> rows = ctx.table(QuoteTables.SPEAKER_OUTLETS)
        .filter(col("other_outlets").equalTo(0).and(col("quotes").geq(EXCLUSIVE_MIN_QUOTES)))
        .withColumn("r", row_number().over(Window.partitionBy("outlet").orderBy(col("quotes").desc(), col("speaker"))))
        .filter(col("r").leq(o.topSpeakers)).select("outlet", "speaker", "quotes", "documents").collectAsList();
    Map<String, List<String>> only = new LinkedHashMap<>();
    outlets.forEach(x -> only.put(x, new ArrayList<>()));
    rows.stream().sorted(java.util.Comparator.comparingLong((Row r) -> -r.getLong(2)).thenComparing(r -> r.getString(1)))
        .forEach(r -> only.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
            .add(String.format(Locale.ROOT, "%s (%d in %d documents)", r.getString(1), r.getLong(2), r.getLong(3))));
    only.values().removeIf(List::isEmpty);
    String title = String.format(Locale.ROOT, "Voices only one outlet carries (quoted at least %d times by it, never by another)", EXCLUSIVE_MIN_QUOTES);
    screen.append('\n').append(title).append(":\n");
    md.append("\n## ").append(title).append("\n\n");
    if (only.isEmpty()) {
      screen.append("  none\n");
      md.append("None: every speaker quoted that often is quoted by more than one outlet.\n");
      return;
    }
    md.append("| outlet | speakers |\n|---|---|\n");
    perOutlet(only, screen, md);
  }

  /** Each outlet's speakers: a line each on the screen (the first outlets), a table row each in report.md. */
  private static void perOutlet(Map<String, List<String>> speakers, StringBuilder screen, StringBuilder md) {
    int shown = 0;
    for (Map.Entry<String, List<String>> e : speakers.entrySet()) {
      if (shown++ < SCREEN_OUTLETS) {
        screen.append("  ").append(e.getKey()).append(": ").append(String.join("; ", e.getValue())).append('\n');
      }
      md.append("| ").append(e.getKey().replace("|", "\\|")).append(" | ").append(String.join("<br>", e.getValue()).replace("|", "\\|")).append(" |\n");
    }
    if (speakers.size() > SCREEN_OUTLETS) {
      screen.append(String.format(Locale.ROOT, "  ... and %d more outlets: see report.md%n", speakers.size() - SCREEN_OUTLETS));
    }
  }
}
