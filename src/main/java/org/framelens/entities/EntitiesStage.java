package org.framelens.entities;

import static org.apache.spark.sql.functions.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.framelens.output.FolderSpec;
import org.framelens.output.OutputSpec;
import org.framelens.pipeline.RunContext;
import org.framelens.pipeline.Section;
import org.framelens.pipeline.Stage;
import org.framelens.pipeline.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.framelens.corpus.CorpusTables;

/**
 * Named entities: mentions (actor dictionary, then CoreNLP's CRF NER), alias resolution in each document and across
 * the corpus, entity and per-outlet tables, descriptors, co-occurrence at three window sizes, and network files.
 * CoreNLP runs once per document, inside the executors; everything after it is Spark aggregations over the cached
 * per-document results. The driver only reads the actor dictionary and the bounded graph edges.
 */
public final class EntitiesStage implements Stage {
  public static final FolderSpec GRAPHS = new FolderSpec("graphs", """
      Entity co-occurrence networks written by the entities stage, for Gephi, networkx or igraph: for the whole corpus
      (`ALL.graphml`, `ALL.gexf`) and for each outlet (`outlet-<name>.graphml`, `.gexf`; `index.csv` maps each file to
      its scope), over the `--graph-window` (sentence by default). Each holds the `--graph-max-edges` (500) pairs of its
      scope with the most co-occurrences (ties: higher npmi, then the ids) and the entities they join; the
      cooccurrence table keeps every pair. Undirected; node id = entity_id, node attributes name (canonical name),
      type, mentions (in the scope); edge attributes count, documents, pmi, npmi, jaccard (as in cooccurrence; GEXF
      also sets weight = count).""", "index.csv");
  /** Outlets whose actors the summary prints on the screen (all of them go to report.md). */
  private static final int SCREEN_OUTLETS = 12;
  public static final String ALL = "ALL";
  /** At most this many documents per NER task: about a minute of CoreNLP on one core for news articles. */
  static final int NER_TASK_DOCUMENTS = 250;
  private static final Logger LOG = LoggerFactory.getLogger(EntitiesStage.class);

  private final EntityOptions o;
  /** Read by {@link #validate}, before any work, so that a bad dictionary fails the run at once. */
  private ActorDictionary dictionary;
  private CollectiveActors collective;

  /** Read for --keep-self-references, which the terms stage reads too. */
  private final org.framelens.text.AnalysisOptions analysis;

  public EntitiesStage(EntityOptions options, org.framelens.text.AnalysisOptions analysis) {
    this.o = options;
    this.analysis = analysis;
  }

  @Override
  public String name() {
    return "entities";
  }

  @Override
  public List<OutputSpec> requires() {
    return List.of(CorpusTables.DOCUMENTS);
  }

  @Override
  public List<OutputSpec> provides() {
    return List.of(EntityTables.MENTIONS, EntityTables.ENTITIES, EntityTables.ENTITY_OUTLETS, EntityTables.DESCRIPTORS, EntityTables.COOCCURRENCE,
        GRAPHS);
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("entities", o, "self_references", Map.of("keepSelfReferences", analysis.keepSelfReferences));
  }

  @Override
  public void validate(Validation v) {
    v.require(o.aliasDominance > 0.5 && o.aliasDominance <= 1.0, "--alias-dominance", o.aliasDominance,
        "a share above 0.5 and at most 1");
    v.require(o.graphMaxEdges >= 1, "--graph-max-edges", o.graphMaxEdges, "at least 1");
    v.require(o.topActors >= 0, "--top-actors", o.topActors, "at least 0");
    v.require(o.topDescriptors >= 0, "--top-descriptors", o.topDescriptors, "at least 0");
    v.check("--actors", () -> dictionary = ActorDictionary.load(o.actors, v.hadoop()));
    v.check("--collective-actors", () -> collective = CollectiveActors.load(o.collectiveActors, v.hadoop()));
  }

  @Override
  public Optional<Section> report(RunContext ctx) {
    ActorSummary.Text t = ActorSummary.of(ctx, o, SCREEN_OUTLETS);
    return t.screen().isEmpty() ? Optional.empty() : Optional.of(new Section(t.screen(), t.report(), ActorCharts.of(ctx, o)));
  }

  @Override
  public void preload() {
    Nlp.preload();
  }

  @Override
  public void run(RunContext ctx) throws Exception {
    // One pass over two small columns before hours of NER: how many documents to annotate (for the task count
    // below), and whether an outlet is named ALL, the name the co-occurrence table and the graphs give the whole
    // corpus's scope: such an outlet would be indistinguishable from it.
    Row before = ctx.table(CorpusTables.DOCUMENTS)
        .agg(count(when(col("duplicate_of").isNull(), lit(1))), max(col("outlet").equalTo(ALL)))
        .first();
    if (!before.isNullAt(1) && before.getBoolean(1)) {
      ctx.skip("an outlet is named '" + ALL + "', which the cooccurrence table and the graphs use for"
          + " the whole corpus; rename it at ingest with --outlet-aliases (a CSV 'alias,outlet' with a line such as"
          + " 'ALL,ALL (outlet)') and run again");
    }
    Broadcast<ActorDictionary> dict = ctx.spark.sparkContext().broadcast(dictionary,
        scala.reflect.ClassTag$.MODULE$.apply(ActorDictionary.class));

    // NER costs far more than moving the text: spread the documents over at least a few tasks per core, whatever
    // the number of files the documents table has, and over tasks of at most NER_TASK_DOCUMENTS documents, so that
    // every core works until the end and the log reports progress as tasks finish (every minute or so).
    long toAnnotate = before.getLong(0);
    int spread = Math.max(1, ctx.spark.sparkContext().defaultParallelism() * 3);
    int tasks = nerTasks(toAnnotate, spread);
    LOG.info("annotating {} documents in {} tasks", String.format("%,d", toAnnotate), tasks);
    Dataset<Row> docs = ctx.table(CorpusTables.DOCUMENTS).filter(col("duplicate_of").isNull()).select("doc_id", "outlet", "text")
        .repartition(tasks);
    LongAccumulator corenlpNanos = ctx.spark.sparkContext().longAccumulator("entities.corenlp_nanos");
    LongAccumulator rulesNanos = ctx.spark.sparkContext().longAccumulator("entities.rules_nanos");
    Broadcast<CollectiveActors> groups = ctx.spark.sparkContext().broadcast(collective,
        scala.reflect.ClassTag$.MODULE$.apply(CollectiveActors.class));
    Dataset<Row> perDoc = docs.mapPartitions(new EntityExtractor(dict, groups, corenlpNanos, rulesNanos), Encoders.row(EntityExtractor.SCHEMA));
    if (!analysis.keepSelfReferences) {
      // An outlet naming itself ("Fox News" in Fox News's articles) is not an actor of its own reporting.
      var own = udf(org.framelens.corpus.SelfReferences.of(ctx.table(CorpusTables.DOCUMENTS)).isOwnName(), DataTypes.BooleanType);
      Column kept = filter(col("mentions"), m -> not(own.apply(col("outlet"), m.getField("surface"))));
      perDoc = perDoc.withColumn("_self", size(col("mentions")).minus(size(kept))).withColumn("mentions", kept);
    } else {
      perDoc = perDoc.withColumn("_self", lit(0));
    }
    perDoc = perDoc.persist(StorageLevel.MEMORY_AND_DISK());
    long t0 = System.nanoTime();
    Row totals = perDoc.agg(count(lit(1)), sum("n_tokens"), sum("_self")).first();   // runs CoreNLP once
    double nerSeconds = (System.nanoTime() - t0) / 1e9;
    long nDocs = totals.getLong(0);
    long tokens = totals.isNullAt(1) ? 0 : totals.getLong(1);

    // The corpus-wide resolution reads the mentions four times over: kept, middle initials merged, rather than
    // recomputed for each read.
    Dataset<Row> raw = withoutMiddleInitials(perDoc.select(col("doc_id"), col("outlet"), explode(col("mentions")).as("m"))
        .select("doc_id", "outlet", "m.*")).persist(StorageLevel.MEMORY_AND_DISK());
    // Kept in a few partitions per core: the joins' many small shuffle partitions made every later scan
    // of the cache a crowd of near-empty tasks.
    Dataset<Row> mentions = resolveAcrossCorpus(raw, o.aliasDominance).coalesce(spread).persist(StorageLevel.MEMORY_AND_DISK());

    long nMentions = ctx.out.write(EntityTables.MENTIONS, mentions);
    raw.unpersist();
    Dataset<Row> resolved = mentions.filter(col("entity_id").isNotNull());
    long nEntities = ctx.out.write(EntityTables.ENTITIES, entities(resolved));
    ctx.out.write(EntityTables.ENTITY_OUTLETS, resolved.groupBy("outlet", "entity_id")
        .agg(count(lit(1)).as("mentions"), countDistinct("doc_id").as("documents"))
        .withColumn("share", col("mentions").divide(sum("mentions").over(Window.partitionBy("outlet")))));
    ctx.out.write(EntityTables.DESCRIPTORS, resolved.filter(size(col("descriptors")).gt(0))
        .select(col("outlet"), col("entity_id"), col("doc_id"), col("start"), col("example"),
            explode(col("descriptors")).as("descriptor"))
        .groupBy("outlet", "entity_id", "descriptor")
        .agg(count(lit(1)).as("count"), countDistinct("doc_id").as("documents"),
            min(struct(col("doc_id"), col("start"), col("example"))).getField("example").as("example")));
    long pairs = Cooccurrence.write(ctx.out, perDoc, resolved);
    int graphs = Cooccurrence.writeGraphs(ctx, o, perDoc);
    mentions.unpersist();
    perDoc.unpersist();

    long ambiguous = ctx.table(EntityTables.MENTIONS).filter(col("entity_id").isNull()).count();
    ctx.count("entity_mentions", nMentions);
    ctx.count("entities", nEntities);
    ctx.count("ambiguous_mentions", ambiguous);
    ctx.count("self_reference_mentions_dropped", totals.isNullAt(2) ? 0L : totals.getLong(2));
    ctx.figure("documents", nDocs);
    ctx.figure("tokens", tokens);   // CoreNLP's tokens, which the benchmark's throughput is measured in
    ctx.figure("ner_seconds", Math.round(nerSeconds * 100) / 100.0);   // CoreNLP and the document rules, all tasks
    // Summed over the tasks (so up to cores x ner_seconds): CoreNLP's own time and the rules' (an accumulator may
    // count a retried task twice; the figures are for benchmarks, not for the tables).
    ctx.figure("corenlp_task_seconds", Math.round(corenlpNanos.sum() / 1e7) / 100.0);
    ctx.figure("rules_task_seconds", Math.round(rulesNanos.sum() / 1e7) / 100.0);
    ctx.figure("mentions", nMentions);
    ctx.figure("entities", nEntities);
    ctx.figure("actors", dictionary.actors().size());
    ctx.figure("cooccurrence_rows", pairs);
    ctx.figure("graph_files", graphs);
  }

  /** Tasks for the NER pass: at least {@code spread}, and enough for at most NER_TASK_DOCUMENTS documents each. */
  static int nerTasks(long documents, int spread) {
    return (int) Math.max(spread, Math.min(100_000L, (documents + NER_TASK_DOCUMENTS - 1) / NER_TASK_DOCUMENTS));
  }

  /**
   * Corpus-wide resolution of the document-level results. A one-word person's name that stands alone in its document
   * (no longer name there contains it: "Castillo" where the document never writes "Pedro Castillo") goes to the
   * corpus's one multi-word person name containing that word, or, of several, to the one it stood for in at least
   * {@code dominance} of the documents that resolved the word themselves; otherwise it is ambiguous. Longer names are
   * left as their documents wrote them (but for middle initials, {@link #withoutMiddleInitials}, applied before): the
   * tagger's over-long spans ("Barack Obama Barack Hussein") would otherwise swallow the common full name. Then each
   * normalised name gets one type (the dictionary's, else the majority of its mentions' tags; ties alphabetical) and
   * its id.
   */
  static Dataset<Row> resolveAcrossCorpus(Dataset<Row> raw, double dominance) {
    Column person = col("type").equalTo("PERSON");
    Column ownName = person.and(col("words").equalTo(1))
        .and(col("resolution").isin(DocumentEntities.EXACT, DocumentEntities.TITLE_STRIPPED));
    Dataset<Row> candidates = raw.filter(person.and(col("resolved_key").contains(" ")))
        .select(col("resolved_key").as("full")).distinct()
        .select(col("full"), explode(array_distinct(array_except(split(col("full"), " "),
            array(lit("jr"), lit("sr"), lit("ii"), lit("iii"), lit("iv"))))).as("word"))
        .join(raw.filter(ownName).select(col("key").as("word")).distinct(), "word");
    Dataset<Row> evidence = raw.filter(person.and(col("words").equalTo(1))
            .and(col("resolution").equalTo(DocumentEntities.DOCUMENT_ALIAS)))
        .groupBy(col("key").as("word"), col("resolved_key").as("full")).agg(countDistinct("doc_id").as("ev"));
    Dataset<Row> decisions = candidates
        .join(evidence, new String[] {"word", "full"}, "left").na().fill(0L, new String[] {"ev"})
        .groupBy("word")
        .agg(count(lit(1)).as("n"), sum("ev").as("total"), max_by(col("full"), struct(col("ev"), col("full"))).as("best"),
            max("ev").as("best_ev"))
        .select(col("word"), when(col("n").equalTo(1).or(col("total").gt(0)
                .and(col("best_ev").divide(col("total")).geq(dominance))), col("best")).as("corpus_key"));

    Dataset<Row> m = raw.join(decisions, raw.col("key").equalTo(decisions.col("word")).and(ownName), "left");
    Column corpusDecided = col("word").isNotNull();
    m = m.withColumn("final_key", when(corpusDecided, col("corpus_key")).otherwise(col("resolved_key")))
        .withColumn("final_resolution", when(corpusDecided.and(col("corpus_key").isNotNull()), lit(DocumentEntities.CORPUS_ALIAS))
            .when(corpusDecided, lit(DocumentEntities.AMBIGUOUS)).otherwise(col("resolution")));

    Dataset<Row> types = m.filter(col("final_key").isNotNull())
        .groupBy("final_key", "type").agg(count(lit(1)).as("n"), max(col("canonical").isNotNull()).as("dict"))
        .withColumn("r", row_number().over(Window.partitionBy("final_key")
            .orderBy(col("dict").desc(), col("n").desc(), col("type"))))
        .filter(col("r").equalTo(1)).select(col("final_key").as("tk"), col("type").as("entity_type"));
    m = m.join(types, m.col("final_key").equalTo(types.col("tk")), "left");
    Column prefix = when(col("entity_type").equalTo("PERSON"), lit("per:"))
        .when(col("entity_type").equalTo("ORGANIZATION"), lit("org:"))
        .when(col("entity_type").equalTo(Names.GROUP), lit("grp:")).otherwise(lit("loc:"));
    return m.select(col("doc_id"), col("outlet"), col("sentence"), col("paragraph"), col("start"), col("end"),
        col("surface"), coalesce(col("entity_type"), col("type")).as("type"),
        when(col("final_key").isNotNull(), concat(prefix, regexp_replace(col("final_key"), " ", "_"))).as("entity_id"),
        col("final_resolution").as("resolution"), col("key"), col("final_key"), col("display"), col("canonical"),
        col("descriptors"), col("example"));
  }

  /**
   * A person's full name written with middle initials ("joseph r biden") takes the same name without them ("joseph
   * biden") where the corpus also writes that form and no other initialled name shrinks to it: "george w bush" and
   * "george h w bush" both shrink to "george bush", two people, so both stay as written. The mentions whose own name
   * was the initialled one are marked corpus_variant; short forms that resolved to it keep their resolution. The
   * dictionary's own matches are never moved: its names win.
   */
  static Dataset<Row> withoutMiddleInitials(Dataset<Row> raw) {
    Column person = col("type").equalTo("PERSON");
    Dataset<Row> full = raw.filter(person.and(col("resolved_key").contains(" "))).select(col("resolved_key").as("k")).distinct();
    Dataset<Row> shrunk = full.select(col("k").as("variant"), regexp_replace(col("k"), DocumentEntities.MIDDLE_INITIALS_REGEX, " ").as("base"))
        .filter(col("base").notEqual(col("variant")));
    Dataset<Row> merge = shrunk.groupBy("base").agg(count(lit(1)).as("n"), first("variant").as("variant"))
        .filter(col("n").equalTo(1))
        .join(full.select(col("k").as("base")), "base")
        .select("variant", "base");
    Dataset<Row> m = raw.join(merge, raw.col("resolved_key").equalTo(merge.col("variant")).and(person)
        .and(col("canonical").isNull()), "left");
    return m.withColumn("resolution", when(col("base").isNotNull().and(col("key").equalTo(col("resolved_key"))),
            lit(DocumentEntities.CORPUS_VARIANT)).otherwise(col("resolution")))
        .withColumn("resolved_key", coalesce(col("base"), col("resolved_key")))
        .drop("variant", "base");
  }

  /** The entities table from the resolved mentions. */
  static Dataset<Row> entities(Dataset<Row> resolved) {
    // Canonical name: the most frequent full form (its own key is the entity's), else the most frequent form; ties
    // alphabetical. Aliases: the 20 most frequent forms. Both from one aggregation of the (few) forms per entity.
    Dataset<Row> forms = resolved.groupBy("entity_id", "display")
        .agg(count(lit(1)).as("n"), max(col("key").equalTo(col("final_key"))).as("full"))
        .groupBy("entity_id")
        .agg(min(struct(not(col("full")).as("partial"), negate(col("n")).as("neg"), col("display").as("display")))
                .getField("display").as("form"),
            slice(sort_array(collect_list(struct(negate(col("n")).as("neg"), col("display").as("d")))), 1, 20).getField("d")
                .as("aliases"));
    Dataset<Row> stats = resolved.groupBy("entity_id")
        .agg(first("type").as("type"), count(lit(1)).as("mentions"), countDistinct("doc_id").as("documents"),
            countDistinct("outlet").as("outlets"), max("canonical").as("dict_name"));
    return stats.join(forms, "entity_id").withColumn("canonical_name", coalesce(col("dict_name"), col("form")));
  }
}
