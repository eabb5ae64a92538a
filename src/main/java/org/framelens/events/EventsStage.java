package org.framelens.events;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.framelens.corpus.CorpusTables;
import org.framelens.entities.EntityTables;
import org.framelens.groups.GroupOptions;
import org.framelens.groups.Groups;
import org.framelens.output.OutputSpec;
import org.framelens.output.TableSpec;
import org.framelens.pipeline.Chart;
import org.framelens.pipeline.RunContext;
import org.framelens.pipeline.Section;
import org.framelens.pipeline.Stage;
import org.framelens.pipeline.Validation;
import org.framelens.terms.TermTables;
import org.framelens.text.AnalysisOptions;
import org.framelens.text.StopWords;
import org.framelens.topics.TopicTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same events across outlets: which counted documents report one event ({@link EventMatcher}), who reported
 * each and how soon, how each group words the events it shares with others ({@link Framing}), and attention over
 * time ({@link Attention}). Reads the entities and topics when they are there, and is made stale by their reruns.
 */
public final class EventsStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(EventsStage.class);
  private final EventOptions o;
  private final GroupOptions grouping;
  private final AnalysisOptions analysis;

  public EventsStage(EventOptions options, GroupOptions grouping, AnalysisOptions analysis) {
    this.o = options;
    this.grouping = grouping;
    this.analysis = analysis;
  }

  @Override
  public String name() {
    return "events";
  }

  @Override
  public List<OutputSpec> requires() {
    return List.of(CorpusTables.DOCUMENTS, TermTables.DOC_TERMS);
  }

  @Override
  public List<OutputSpec> uses() {
    return List.of(EntityTables.MENTIONS, EntityTables.ENTITIES, TopicTables.DOC_TOPICS);
  }

  @Override
  public List<OutputSpec> provides() {
    return List.of(EventTables.EVENTS, EventTables.EVENT_DOCUMENTS, EventTables.EVENT_COVERAGE, EventTables.EVENT_TERMS,
        EventTables.ATTENTION);
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("events", o, "groups", grouping, "analysis", analysis);
  }

  @Override
  public void validate(Validation v) {
    v.require(o.windowDays >= 0, "--event-window-days", o.windowDays, "0 (the same day) or more");
    v.require(o.similarity > 0 && o.similarity <= 1, "--event-similarity", o.similarity, "a cosine in (0, 1]");
    v.require(o.undatedSimilarity > 0 && o.undatedSimilarity <= 1, "--event-undated-similarity", o.undatedSimilarity,
        "a cosine in (0, 1]");
    v.require(o.titleWeight >= 0, "--event-title-weight", o.titleWeight, "0 (titles unused) or more");
    v.require(o.entityWeight >= 0, "--event-entity-weight", o.entityWeight, "0 (entities unused) or more");
    v.require(o.keyTerms >= 1, "--event-key-terms", o.keyTerms, "at least 1");
    v.require(o.blockMax >= 2, "--event-block-max", o.blockMax, "at least 2");
    v.require(o.componentMax >= 2, "--event-component-max", o.componentMax, "at least 2");
    v.require(o.minDocuments >= 2, "--event-min-documents", o.minDocuments, "at least 2");
    v.require(o.topTerms >= 1, "--event-top-terms", o.topTerms, "at least 1");
    v.require(o.attentionEntities >= 0, "--attention-entities", o.attentionEntities, "0 (none) or more");
    v.require(!grouping.groupBy.isBlank(), "--group-by", "''", "a document column or input field");
  }

  @Override
  public void run(RunContext ctx) {
    // Cached data kept in a few partitions per core: the shuffles' many small partitions made every later scan of
    // a cache (and every GraphX superstep) a crowd of near-empty tasks.
    int spread = Math.max(1, ctx.spark.sparkContext().defaultParallelism() * 3);
    Dataset<Row> documents = ctx.table(CorpusTables.DOCUMENTS);
    Dataset<Row> docs = documents.filter(col("duplicate_of").isNull())
        .select(col("doc_id"), col("outlet"), col("title"), col("published"), xxhash64(col("doc_id")).as("vid"))
        .join(Groups.of(documents, grouping.groupBy), "doc_id")
        .coalesce(spread).persist(StorageLevel.MEMORY_AND_DISK());
    Row size = docs.agg(count(lit(1)), countDistinct("vid"), count(when(col("published").isNull(), lit(1)))).first();
    long n = size.getLong(0);
    if (n < 2) {
      docs.unpersist();
      ctx.skip("events group documents that report the same event, and the corpus has " + n + " counted document"
          + (n == 1 ? "" : "s"));
    }
    if (size.getLong(1) != n) {
      throw new IllegalStateException("two doc_ids share a 64-bit hash; the events stage cannot tell them apart");
    }
    Dataset<Row> mentions = ctx.has(EntityTables.MENTIONS) ? ctx.table(EntityTables.MENTIONS) : null;
    Set<String> stop = StopWords.load(analysis, ctx.spark.sparkContext().hadoopConfiguration());

    Dataset<Row> features = DocumentVectors.features(docs, ctx.table(TermTables.DOC_TERMS), mentions, o, analysis, stop)
        .join(docs.select(col("doc_id"), col("vid"), datediff(col("published"), lit("1970-01-01")).as("day")), "doc_id")
        .select("vid", "day", "f", "w")
        .coalesce(spread).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> vectors = DocumentVectors.vectors(features)
        .join(docs.select(col("vid"), col("published").isNull().as("undated"), col("outlet")), "vid")
        .coalesce(spread).persist(StorageLevel.MEMORY_AND_DISK());
    EventMatcher.Blocking blocking = EventMatcher.candidates(features, o);
    Dataset<Row> edges = EventMatcher.similarities(blocking.pairs(), vectors, o).coalesce(spread).persist(StorageLevel.MEMORY_AND_DISK());
    long candidates = edges.count();
    LOG.info("events: {} candidate pairs kept from blocking ({} common key blocks dropped)", candidates,
        blocking.droppedBlocks());
    EventMatcher.Grouping clustering;
    Dataset<Row> assigned;
    Dataset<Row> members;
    long termRows;
    if (candidates == 0) {
      // No pair of documents to compare (the sample, many small corpora): no event. The four event tables are written
      // empty from their contracts; planning their queries over empty data took half the stage's 10 s on the sample.
      // Attention, which does not need events, is computed as always.
      clustering = EventMatcher.Grouping.none(ctx.spark);
      assigned = clustering.assignments();
      for (TableSpec t : List.of(EventTables.EVENT_DOCUMENTS, EventTables.EVENTS, EventTables.EVENT_COVERAGE,
          EventTables.EVENT_TERMS)) {
        ctx.out.write(t, ctx.spark.createDataFrame(List.<Row>of(), t.schema()));
      }
      members = ctx.spark.createDataFrame(List.<Row>of(), EventTables.EVENT_DOCUMENTS.schema());
      termRows = 0;
    } else {
      clustering = EventMatcher.clusters(ctx.spark, edges,
          docs.select(col("vid"), datediff(col("published"), lit("1970-01-01")).as("day")), o);
      assigned = clustering.assignments().filter(col("size").geq(o.minDocuments))
          .join(docs.withColumnRenamed("vid", "node"), "node")
          .withColumn("event_id", concat(lit("ev_"), substring(sha2(min("doc_id").over(Window.partitionBy("cluster")), 256), 1, 16)))
          .coalesce(spread).persist(StorageLevel.MEMORY_AND_DISK());

      // Each member's cosine to its event's centre, from the vectors (the pair may not be a candidate).
      var cosine = udf(DocumentVectors.COSINE, org.apache.spark.sql.types.DataTypes.DoubleType);
      Dataset<Row> eventDocs = assigned
          .join(vectors.select(col("vid").as("node"), col("features").as("fd")), "node")
          .join(vectors.select(col("vid").as("centre"), col("features").as("fc")), "centre")
          .select(col("event_id"), col("doc_id"), col("outlet"), col("published"),
              when(col("node").equalTo(col("centre")), lit(1.0)).otherwise(cosine.apply(col("fd"), col("fc"))).as("similarity"),
              col("node").equalTo(col("centre")).as("is_centre"));
      ctx.out.write(EventTables.EVENT_DOCUMENTS, eventDocs);
      members = ctx.table(EventTables.EVENT_DOCUMENTS)
          .join(docs.select("doc_id", "grp"), "doc_id").coalesce(spread).persist(StorageLevel.MEMORY_AND_DISK());

      writeEvents(ctx, assigned, members, mentions);
      ctx.out.write(EventTables.EVENT_COVERAGE, Framing.coverage(members).withColumn("group_by", lit(grouping.groupBy)));

      termRows = Framing.write(ctx, Framing.features(ctx.table(TermTables.DOC_TERMS), mentions),
          members.select("event_id", "doc_id", "grp"), o.topTerms, grouping.groupBy);
    }

    Dataset<Row> dated = docs.filter(col("published").isNotNull()).select("doc_id", "grp", "published");
    Dataset<Row> docTopics = ctx.has(TopicTables.DOC_TOPICS) ? ctx.table(TopicTables.DOC_TOPICS) : null;
    long attentionRows = ctx.out.write(EventTables.ATTENTION,
        Attention.rows(dated, members, docTopics, mentions, o).withColumn("group_by", lit(grouping.groupBy)));

    Row stats = ctx.table(EventTables.EVENTS).agg(count(lit(1)), coalesce(sum("documents"), lit(0L)),
        coalesce(max("documents"), lit(0)), count(when(col("outlets").geq(2), lit(1))),
        coalesce(sum("undated"), lit(0L))).first();
    long undatedDocs = size.getLong(2);
    ctx.count("event_corpus_documents", n);
    ctx.count("event_undated_documents", undatedDocs);
    ctx.count("event_candidate_pairs", candidates);
    ctx.count("event_dropped_key_blocks", blocking.droppedBlocks());
    ctx.count("event_components", clustering.count());
    ctx.count("event_largest_component", clustering.largest());
    ctx.count("event_components_split", clustering.split());
    ctx.count("event_split_documents", clustering.splitDocuments());
    ctx.count("events", stats.getLong(0));
    ctx.count("event_documents", stats.getLong(1));
    ctx.count("event_largest", (long) stats.getInt(2));
    ctx.count("events_across_outlets", stats.getLong(3));
    ctx.count("event_undated_matched", stats.getLong(4));
    ctx.count("event_sizes", sizeDistribution(ctx));
    ctx.figure("events", stats.getLong(0));
    ctx.figure("candidate_pairs", candidates);
    ctx.figure("event_terms_rows", termRows);
    ctx.figure("attention_rows", attentionRows);
    for (Dataset<Row> d : List.of(docs, features, vectors, blocking.keys(), edges, clustering.components(), assigned,
        members)) {
      d.unpersist();
    }
  }

  /** Events per size (documents), for the manifest: small, one row per distinct size. */
  private static Map<String, Long> sizeDistribution(RunContext ctx) {
    Map<String, Long> sizes = new java.util.LinkedHashMap<>();
    for (Row r : ctx.table(EventTables.EVENTS).groupBy("documents").count().orderBy("documents").collectAsList()) {
      sizes.put(String.valueOf(r.getInt(0)), r.getLong(1));
    }
    return sizes;
  }

  private void writeEvents(RunContext ctx, Dataset<Row> assigned, Dataset<Row> members, Dataset<Row> mentions) {
    Dataset<Row> topTerms = ctx.table(TermTables.DOC_TERMS).join(members.select("event_id", "doc_id"), "doc_id")
        .groupBy("event_id", "term").agg(sum("tfidf").as("_s"))
        // Rounded before ranking: sums of the same values in another order (another partitioning) differ in the
        // last bits, and must not reorder tied terms.
        .withColumn("_r", row_number().over(Window.partitionBy("event_id").orderBy(round(col("_s"), 9).desc(), col("term"))))
        .filter(col("_r").leq(10))
        .groupBy("event_id").agg(array_sort(collect_list(struct(col("_r"), col("term")))).as("_t"))
        .select(col("event_id"), col("_t.term").as("top_terms"));
    Dataset<Row> base = assigned.groupBy("event_id").agg(
        min("published").as("first_published"), max("published").as("last_published"),
        count(lit(1)).cast("int").as("documents"), count(when(col("published").isNull(), lit(1))).cast("int").as("undated"),
        countDistinct("outlet").cast("int").as("outlets"), array_sort(collect_set("outlet")).as("outlet_names"),
        first("cohesion").as("cohesion"),
        max(when(col("node").equalTo(col("centre")), col("title"))).as("_title"));
    Dataset<Row> events = base.join(topTerms, new String[] {"event_id"}, "left")
        .withColumn("top_terms", coalesce(col("top_terms"), array().cast("array<string>")));
    if (mentions != null && ctx.has(EntityTables.ENTITIES)) {
      Dataset<Row> top = mentions.filter(col("entity_id").isNotNull()).join(members.select("event_id", "doc_id"), "doc_id")
          .groupBy("event_id", "entity_id").agg(count(lit(1)).as("_m"))
          .join(ctx.table(EntityTables.ENTITIES).select("entity_id", "canonical_name"), "entity_id")
          .withColumn("_r", row_number().over(Window.partitionBy("event_id").orderBy(col("_m").desc(), col("entity_id"))))
          .filter(col("_r").leq(5))
          .groupBy("event_id").agg(array_sort(collect_list(struct(col("_r"), col("canonical_name")))).as("_e"))
          .select(col("event_id"), col("_e.canonical_name").as("top_entities"));
      events = events.join(top, new String[] {"event_id"}, "left");
    } else {
      events = events.withColumn("top_entities", lit(null).cast("array<string>"));
    }
    events = events.withColumn("top_entities", coalesce(col("top_entities"), array().cast("array<string>")))
        .withColumn("label", coalesce(col("_title"), array_join(slice(col("top_terms"), 1, 3), " / ")));
    ctx.out.write(EventTables.EVENTS, events);
  }

  @Override
  public Optional<Section> report(RunContext ctx) {
    if (!ctx.has(EventTables.EVENTS)) {
      return Optional.empty();
    }
    var c = ctx.manifest().path("counts");
    List<Row> largest = ctx.table(EventTables.EVENTS)
        .orderBy(col("outlets").desc(), col("documents").desc(), col("event_id")).limit(o.topEvents).collectAsList();
    StringBuilder screen = new StringBuilder();
    screen.append(String.format(Locale.ROOT,
        "Events     %,d events of 2 or more documents (%,d across outlets), holding %,d of %,d documents; largest %,d; %,d undated documents, %,d of them matched%n",
        c.path("events").asLong(), c.path("events_across_outlets").asLong(), c.path("event_documents").asLong(),
        c.path("event_corpus_documents").asLong(), c.path("event_largest").asLong(),
        c.path("event_undated_documents").asLong(), c.path("event_undated_matched").asLong()));
    StringBuilder md = new StringBuilder("\n## Events reported by several outlets\n\n").append("```\n")
        .append(screen).append("```\n");
    if (!largest.isEmpty()) {
      md.append("\n| event | dates | documents | outlets | each outlet's most distinctive features within the event (up to 3, z >= 1.96; " + FEATURES + ") |\n|---|---|---|---|---|\n");
      Dataset<Row> terms = ctx.table(EventTables.EVENT_TERMS);
      for (Row e : largest) {
        String id = e.getAs("event_id");
        List<String> byOutlet = new ArrayList<>();
        Map<String, List<String>> perGroup = new java.util.TreeMap<>();
        // Only terms at z >= 1.96: an event gives each outlet a few hundred words, and a word that one outlet's
        // single article uses once tops its ranking with z below that.
        List<Row> top = terms.filter(col("event_id").equalTo(id).and(col("rank").leq(3)).and(col("z").geq(Z95)))
            .orderBy("target", "rank").collectAsList();
        Map<String, String> names = names(ctx, top);
        for (Row t : top) {
          perGroup.computeIfAbsent(t.getAs("target"), k -> new ArrayList<>()).add(shown(t, names));
        }
        perGroup.forEach((g, ts) -> byOutlet.add(g + ": " + String.join(", ", ts)));
        if (perGroup.isEmpty()) {
          byOutlet.add("no outlet has a term at z >= 1.96");
        }
        String dates = e.isNullAt(e.fieldIndex("first_published")) ? "undated"
            : e.getAs("first_published") + " to " + e.getAs("last_published");
        String line = String.format(Locale.ROOT, "%s | %s | %d | %d | %s", e.<String>getAs("label"), dates,
            (int) e.getAs("documents"), (int) e.getAs("outlets"), String.join("; ", byOutlet));
        md.append("| ").append(line.replace("\n", " ")).append(" |\n");
        screen.append("  ").append(e.<String>getAs("label")).append(" [").append(dates).append(", ")
            .append((int) e.getAs("documents")).append(" docs]\n      ").append(String.join("; ", byOutlet)).append('\n');
      }
    }
    List<Row> pooledLeaders = ctx.table(EventTables.EVENT_TERMS).filter(col("event_id").equalTo(EventTables.POOLED))
        .select("target", "events").distinct().orderBy(col("events").desc(), col("target")).limit(o.topEvents).collectAsList();
    if (!pooledLeaders.isEmpty()) {
      screen.append("  Pooled over the events each shares with another (log-odds z against the others' articles on them):\n");
      md.append("\n### Framing within shared events, pooled\n\nEach group's terms against the other groups' articles about "
          + "the same events (event_terms, event_id " + EventTables.POOLED + "), for the groups with most shared events.\n\n"
          + "| group | shared events | most distinctive features (count, z; " + FEATURES + ") |\n|---|---|---|\n");
      for (Row g : pooledLeaders) {
        String target = g.getString(0);
        List<String> ts = new ArrayList<>();
        List<Row> top = ctx.table(EventTables.EVENT_TERMS).filter(col("event_id").equalTo(EventTables.POOLED)
            .and(col("target").equalTo(target)).and(col("rank").leq(8))).orderBy("rank").collectAsList();
        Map<String, String> names = names(ctx, top);
        for (Row t : top) {
          ts.add(String.format(Locale.ROOT, "%s (%d, %.1f)", shown(t, names), (long) t.getAs("count"), (double) t.getAs("z")));
        }
        screen.append("    ").append(target).append(" [").append(g.getInt(1)).append(" events]: ").append(String.join(", ", ts)).append('\n');
        md.append("| ").append(target).append(" | ").append(g.getInt(1)).append(" | ").append(String.join(", ", ts)).append(" |\n");
      }
    }
    coverageGaps(ctx, screen, md);
    return Optional.of(new Section(screen.toString(), md.toString(), charts(ctx, largest)));
  }

  /** How the report writes the three kinds of event_terms, which share one ranking. */
  static final String FEATURES = "words as they are, [an actor named], \u00aba label\u00bb of an actor";

  /** An event_terms row as the report writes it: see {@link #FEATURES}. */
  static String shown(Row t, Map<String, String> names) {
    String term = t.getAs("term");
    return switch (t.<String>getAs("kind")) {
      case "entity" -> "[" + names.getOrDefault(term, term) + "]";
      case "descriptor" -> {
        int bar = term.indexOf(Framing.LABEL_OF);
        String entity = term.substring(0, bar);
        yield "\u00ab" + term.substring(bar + 1) + "\u00bb of " + names.getOrDefault(entity, entity);
      }
      default -> term;
    };
  }

  /** The canonical names of the entities that event_terms rows name (none when the entities stage did not run). */
  private static Map<String, String> names(RunContext ctx, List<Row> rows) {
    Set<String> ids = new java.util.HashSet<>();
    for (Row t : rows) {
      String term = t.getAs("term");
      switch (t.<String>getAs("kind")) {
        case "entity" -> ids.add(term);
        case "descriptor" -> ids.add(term.substring(0, term.indexOf(Framing.LABEL_OF)));
        default -> { }
      }
    }
    Map<String, String> names = new java.util.HashMap<>();
    if (!ids.isEmpty() && ctx.has(EntityTables.ENTITIES)) {
      for (Row r : ctx.table(EntityTables.ENTITIES).filter(col("entity_id").isin(ids.toArray()))
          .select("entity_id", "canonical_name").collectAsList()) {
        names.put(r.getString(0), r.getString(1));
      }
    }
    return names;
  }

  /** Groups drawn over time in the report, those with most dated documents. */
  static final int CHART_GROUPS = 10;

  /** Above this many values, the attention lines are drawn without a point a period. */
  static final int ATTENTION_POINTS = 800;

  /** Attention over time (documents and events per period of the largest groups) and the largest events. */
  private List<Chart> charts(RunContext ctx, List<Row> largest) {
    List<Chart> charts = new ArrayList<>();
    if (ctx.has(EventTables.ATTENTION)) {
      Dataset<Row> att = ctx.table(EventTables.ATTENTION).filter(col("measure").isin("documents", "events"));
      List<String> top = att.filter(col("measure").equalTo("documents")).groupBy("grp").agg(sum("value").as("n"))
          .orderBy(col("n").desc(), col("grp")).limit(CHART_GROUPS).select("grp").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
      List<Row> rows = att.filter(col("grp").isin(top.toArray()))
          .select(col("grp"), col("period"), col("period_start"), col("measure"), col("value")).orderBy("measure", "grp", "period_start").collectAsList();
      if (!rows.isEmpty()) {
        // A point a period is readable (and cheap to draw) for short runs only; years of weeks are drawn as lines.
        boolean points = rows.size() <= ATTENTION_POINTS;
        charts.add(Chart.vegaLite("events-attention", "Attention over time",
            String.format(Locale.ROOT, "Dated documents, and distinct events they report, per period (--attention-period) for the %d groups with most documents (the attention table also holds topics and actors).", top.size()),
            """
            {"facet": {"row": {"field": "measure", "type": "nominal", "title": null}},
             "spec": {"width": 620, "height": 160, "mark": {"type": "line", "point": %s, "tooltip": {"content": "data"}},
                      "encoding": {"x": {"field": "period_start", "type": "temporal", "title": null},
                                   "y": {"field": "value", "type": "quantitative", "title": null},
                                   "color": {"field": "grp", "type": "nominal", "title": null}}},
             "resolve": {"scale": {"y": "independent"}}}""".formatted(points), Chart.values(rows), List.of()));
      }
    }
    if (!largest.isEmpty()) {
      List<List<Object>> rows = new ArrayList<>();
      for (Row e : largest) {
        rows.add(java.util.Arrays.asList(e.getAs("label"), e.isNullAt(e.fieldIndex("first_published")) ? "undated"
            : e.getAs("first_published") + " to " + e.getAs("last_published"), e.getAs("documents"), e.getAs("outlets"), e.getAs("event_id")));
      }
      charts.add(Chart.table("events-largest", "The events told by most outlets",
          "The largest events (events, event_documents hold every one; event_terms holds each outlet's framing within them).",
          List.of("event", "dates", "documents", "outlets", "event_id"), rows));
    }
    return charts;
  }

  /**
   * For a handful of groups (--group-by label: left, center, right), the events each covered and each other did not,
   * with the largest of them; with more groups the table is for a query (a row per group and event it reported).
   */
  private static void coverageGaps(RunContext ctx, StringBuilder screen, StringBuilder md) {
    Dataset<Row> coverage = ctx.table(EventTables.EVENT_COVERAGE).select("event_id", "grp");
    List<String> groups = coverage.select("grp").distinct().orderBy("grp").limit(GAP_GROUPS + 1)
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    if (groups.size() < 2 || groups.size() > GAP_GROUPS) {
      return;
    }
    Dataset<Row> events = ctx.table(EventTables.EVENTS).select("event_id", "label", "documents");
    screen.append("  Covered by one group and not by another (see event_coverage):\n");
    md.append("\n### Events one group covered and another did not\n\n| covered by | not by | events | the largest |\n|---|---|---|---|\n");
    for (String a : groups) {
      for (String b : groups) {
        if (a.equals(b)) {
          continue;
        }
        Dataset<Row> only = coverage.filter(col("grp").equalTo(a))
            .join(coverage.filter(col("grp").equalTo(b)), new String[] {"event_id"}, "left_anti")
            .join(events, "event_id");
        long n = only.count();
        List<String> largest = only.orderBy(col("documents").desc(), col("event_id")).limit(3)
            .select("label").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        String labels = String.join(" | ", largest).replace("\n", " ");
        screen.append(String.format(Locale.ROOT, "    %s, not %s: %,d events%s%n", a, b, n,
            largest.isEmpty() ? "" : " (largest: " + labels + ")"));
        md.append("| ").append(a).append(" | ").append(b).append(" | ").append(n).append(" | ").append(labels).append(" |\n");
      }
    }
  }

  /** At most this many groups get the coverage comparison in the report (every ordered pair of them). */
  private static final int GAP_GROUPS = 4;

  /** The two-sided 95% point of the standard normal. */
  private static final double Z95 = 1.96;
}
