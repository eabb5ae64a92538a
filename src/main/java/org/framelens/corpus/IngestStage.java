package org.framelens.corpus;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.framelens.pipeline.Chart;
import org.framelens.pipeline.FramelensException;
import org.framelens.pipeline.Redact;
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

/**
 * Reads the corpus and writes documents and quarantine: every input record ends in exactly one of them. Cleans
 * markup, the outlets' boilerplate lines and whitespace, normalises outlet names, marks exact duplicates, and
 * counts tokens and sentences. Only the raw records and the cleaned texts are cached; analyzed sentences are not
 * (re-analyzing is cheaper than caching tens of millions of tokens).
 */
public final class IngestStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(IngestStage.class);
  private final IngestOptions o;
  /** Read by ingest for the token counts and by the terms stage, which must analyze text the same way. */
  private final AnalysisOptions analysis;

  public IngestStage(IngestOptions options, AnalysisOptions analysis) {
    this.o = options;
    this.analysis = analysis;
  }

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public List<OutputSpec> requires() {
    return List.of();
  }

  @Override
  public List<OutputSpec> provides() {
    return List.of(CorpusTables.DOCUMENTS, CorpusTables.QUARANTINE, CorpusTables.NEAR_DUPLICATES, CorpusTables.REMOVED_TEXT);
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("ingest", o, "analysis", analysis);
  }

  @Override
  public void validate(Validation v) {
    if (o.input == null || o.input.isBlank()) {
      v.problem("no input: give --input PATH (a folder, a file or a glob)");
    }
    v.require(o.boilerplateShare > 0 && o.boilerplateShare <= 1, "--boilerplate-share", o.boilerplateShare,
        "a share of an outlet's documents, in (0, 1]");
    v.require(o.boilerplateMinDocs >= 1, "--boilerplate-min-docs", o.boilerplateMinDocs, "at least 1");
    v.require(o.templateShare > 0 && o.templateShare <= 1, "--template-share", o.templateShare,
        "a share of an outlet's documents, in (0, 1]");
    v.require(o.templateMinDocs >= 2, "--template-min-docs", o.templateMinDocs, "at least 2 (a template recurs)");
    v.require(o.templateFragmentShare > 0.5 && o.templateFragmentShare <= 1, "--template-fragment-share",
        o.templateFragmentShare, "a share of the occurrences, in (0.5, 1]");
    v.require(o.templateMaxWords >= 1 && o.templateMaxWords <= 20, "--template-max-words", o.templateMaxWords, "1 to 20");
    v.require(o.templateVerbatimWords == 0 || o.templateVerbatimWords >= 6 && o.templateVerbatimWords <= 40,
        "--template-verbatim-words", o.templateVerbatimWords, "0 (off) or 6 to 40: shorter runs recur in reporting too");
    v.require(o.templateLineWords == 0 || o.templateLineWords >= 2, "--template-line-words", o.templateLineWords,
        "0 (off) or at least 2");
    v.require(o.maxDocumentChars >= 1, "--max-document-chars", o.maxDocumentChars, "at least 1");
    v.require(o.shingleWords >= 1 && o.shingleWords <= 20, "--shingle-words", o.shingleWords, "1 to 20");
    v.require(o.nearDuplicateJaccard > 0 && o.nearDuplicateJaccard <= 1, "--near-duplicate-jaccard", o.nearDuplicateJaccard,
        "a Jaccard similarity in (0, 1]");
    v.require(o.minhashTables >= 1 && o.minhashTables <= 100, "--minhash-tables", o.minhashTables, "1 to 100");
    v.check("--stopwords", () -> StopWords.load(analysis, v.hadoop()));
    if (o.input != null && v.output() != null && sameFolder(o.input, v.output(), v.hadoop())) {
      v.problem("--output " + v.output() + " is the --input folder: the next run would read this run's outputs as "
          + "input; give an output folder beside it or inside it (an output inside the input is left out of the listing)");
    }
    if (o.outletAliases != null) {
      v.check("--outlet-aliases", () -> checkAliasHeader(o.outletAliases, v.hadoop()));
    }
  }

  @Override
  public void run(RunContext ctx) {
    SparkSession spark = ctx.spark;
    InputFiles files = InputFiles.resolve(spark, o, ctx.out.root());   // an output inside the input is not input
    ctx.input.put("path", o.input);
    ctx.input.put("format", files.format.name());
    if (files.manifest != null) {
      ctx.input.put("manifest", files.manifest);
    }
    ctx.input.put("n_files", files.files.size());
    ctx.input.put("bytes", files.bytes());
    ctx.input.put("listing_sha256", files.listingDigest());
    List<InputFiles.FileEntry> named = files.manifestListing();
    ctx.input.put("files", named);
    ctx.input.put("files_not_named", files.files.size() - named.size());
    ctx.input.put("links_outside_input", files.outside.stream().map(InputFiles.FileEntry::path).toList());
    ctx.input.put("output_files_left_out", files.outputFilesLeftOut);
    LOG.info("reading {} {} file(s), {} MB, from {}", files.files.size(), files.format, files.bytes() >> 20, Redact.uris(o.input));

    Dataset<Row> raw = switch (files.format) {
      case text -> TextFolderSource.read(spark, files, o);
      case jsonl -> JsonLinesSource.read(spark, files.paths(), o);
      case csv -> TableSource.csv(spark, files.paths(), o);
      case parquet -> TableSource.parquet(spark, files.paths(), o);
      case auto -> throw new IllegalStateException("format resolved above");
    };
    if (files.format != IngestOptions.Format.text && !files.outside.isEmpty()) {   // the text reader joins them itself
      raw = raw.unionByName(spark.createDataFrame(files.outside.stream().map(f -> Raw.quarantined(f.path(), 0, null,
          Raw.Reason.OUTSIDE_INPUT_ROOT, "the file is a link that leads outside the input folder; it was not read", null))
          .toList(), Raw.SCHEMA));
    }
    // Cached and materialised at once: the writes below use it in several branches of one query, which Spark
    // would otherwise start concurrently, each reading the input again.
    raw = validate(raw, o.maxDocumentChars).persist(StorageLevel.MEMORY_AND_DISK());
    Row read = raw.agg(count(lit(1)), bit_xor(xxhash64(col("position"), coalesce(col("doc_id"), lit("")),
        coalesce(col("outlet_raw"), lit("")), coalesce(col("published_raw"), lit("")), coalesce(col("title"), lit("")),
        coalesce(col("text"), col("record"), lit(""))))).first();
    long records = read.getLong(0);
    ctx.input.put("records_xxhash64_xor", String.format("%016x", read.getLong(1)));
    LOG.info("{} input records read", records);

    Dataset<Row> candidates = markDuplicateIds(raw.filter(col("reason").isNull()));
    Dataset<Row> cleaned = clean(spark, candidates, o).persist(StorageLevel.MEMORY_AND_DISK());
    // The largest outlet's size too: an outlet with fewer documents than a rule's minimum cannot have boilerplate
    // or templates, so a small corpus skips the searches (the sample corpus and most tests: one outlet in one task).
    Dataset<Row> docsPerOutlet = cleaned.groupBy("outlet").agg(count(lit(1)).as("_docs"))
        .persist(StorageLevel.MEMORY_AND_DISK());   // a row per outlet, read again by the boilerplate rule
    Row sizes = docsPerOutlet.agg(sum("_docs"), max("_docs")).first();
    long largest = sizes.isNullAt(1) ? 0 : sizes.getLong(1);
    LOG.info("{} records cleaned", sizes.isNullAt(0) ? 0 : sizes.getLong(0));
    // Hashed: the template passes look up every word of every line (a sorted set compared some eight strings a word).
    Set<String> stop = new java.util.HashSet<>(StopWords.load(analysis, spark.sparkContext().hadoopConfiguration()));
    List<Dataset<Row>> cached = new java.util.ArrayList<>(List.of(cleaned, docsPerOutlet));
    Map<String, Set<Long>> boilerplate = largest >= o.boilerplateMinDocs ? boilerplate(cleaned, docsPerOutlet, o)
        : new java.util.HashMap<>();
    Dataset<Row> kept = removeTemplates(spark, removeBoilerplate(spark, cleaned, boilerplate), o, stop, cached, largest)
        .persist(StorageLevel.MEMORY_AND_DISK());
    LOG.info("{} records without their templates", kept.count());
    cached.forEach(Dataset::unpersist);

    Column emptyAfter = col("text").equalTo(lit(""));
    Dataset<Row> quarantine = raw.filter(col("reason").isNotNull()).select(quarantineColumns())
        .unionByName(candidates.filter(col("reason").isNotNull()).select(quarantineColumns()))
        .unionByName(kept.filter(emptyAfter).select(col("source"), col("position"), col("doc_id"),
            lit(Raw.Reason.EMPTY_AFTER_CLEANING.code).as("reason"),
            lit("nothing is left once markup and the outlet's boilerplate lines are removed").as("detail"),
            col("_excerpt").as("record")));
    // Quarantine first: afterwards only the cleaned texts are needed, and the raw records can leave the cache.
    long nQuarantined = ctx.out.write(CorpusTables.QUARANTINE, quarantine);
    raw.unpersist();

    int partitions = Math.max(1, spark.sparkContext().defaultParallelism() * 3);
    NearDuplicates.Marked copies = NearDuplicates.mark(spark, kept.filter(not(emptyAfter)), o, partitions);
    LOG.info("{} near-duplicate groups from {} candidate pairs at Jaccard >= {}", copies.groups(), copies.pairs(),
        o.nearDuplicateJaccard);
    Dataset<Row> documents = withTokenCounts(copies.documents(), ctx);
    long nDocs = ctx.out.write(CorpusTables.DOCUMENTS, documents);
    copies.release();
    ctx.out.write(CorpusTables.NEAR_DUPLICATES, copies.groups() == 0   // an empty table, without reading the documents
        ? spark.createDataFrame(List.of(), CorpusTables.NEAR_DUPLICATES.schema())
        : nearDuplicateGroups(ctx.table(CorpusTables.DOCUMENTS)));
    ctx.out.write(CorpusTables.REMOVED_TEXT, kept.select(col("doc_id"), col("outlet"), explode(col("_removed")).as("r"))
        .groupBy(col("outlet"), col("r.kind").as("kind"), col("r.text").as("text"))
        .agg(countDistinct("doc_id").as("documents"), count(lit(1)).as("occurrences")));
    kept.unpersist();
    if (nDocs + nQuarantined != records) {   // the invariant the quarantine exists for
      throw new IllegalStateException(records + " input records but " + nDocs + " documents + " + nQuarantined + " quarantined");
    }
    report(ctx, nDocs, nQuarantined, copies.groups());
  }

  private static boolean sameFolder(String a, String b, org.apache.hadoop.conf.Configuration conf) {
    try {
      org.apache.hadoop.fs.Path pa = new org.apache.hadoop.fs.Path(a);
      org.apache.hadoop.fs.Path pb = new org.apache.hadoop.fs.Path(b);
      return pa.getFileSystem(conf).makeQualified(pa).equals(pb.getFileSystem(conf).makeQualified(pb));
    } catch (java.io.IOException | IllegalArgumentException e) {
      return false;   // an input that cannot even be named is reported when it is listed
    }
  }

  /** The alias table's header, read before any work: a missing file or column fails the run at once. */
  private static void checkAliasHeader(String path, org.apache.hadoop.conf.Configuration conf) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getFileSystem(conf).open(p),
        java.nio.charset.StandardCharsets.UTF_8))) {
      String header = in.readLine();
      while (header != null && (header.isBlank() || header.startsWith("#"))) {
        header = in.readLine();
      }
      List<String> names = header == null ? List.of()
          : java.util.Arrays.stream(header.split(",")).map(h -> h.trim().replace("\"", "")).toList();
      if (!names.contains("alias") || !names.contains("outlet")) {
        throw new FramelensException("--outlet-aliases " + path + ": the table needs the columns alias,outlet; its header is "
            + (header == null ? "missing (the file is empty)" : "'" + header + "'"));
      }
    } catch (java.io.IOException e) {
      throw new FramelensException("--outlet-aliases " + path + ": cannot read it (" + e.getMessage() + ")");
    }
  }

  /** Reader errors stay; records without an id, without text or with too much of it are added to them. */
  private static Dataset<Row> validate(Dataset<Row> raw, int maxChars) {
    Column noId = col("doc_id").isNull().or(trim(col("doc_id")).equalTo(""));
    Column noText = col("text").isNull().or(trim(col("text")).equalTo(""));
    Column tooLarge = length(col("text")).gt(maxChars);
    Column rec = substring(to_json(struct(col("doc_id"), col("outlet_raw"), col("title"), col("text"))), 1, Raw.EXCERPT);
    return raw
        .withColumn("record", when(col("reason").isNotNull(), col("record")).when(noId.or(noText).or(tooLarge), rec))
        .withColumn("detail", when(col("reason").isNotNull(), col("detail"))
            .when(noId, lit("the record has no id (the id field is missing or empty)"))
            .when(noText, lit("the record has no text, or only whitespace"))
            .when(tooLarge, concat(lit("the text has "), length(col("text")).cast("string"),
                lit(" characters, more than --max-document-chars " + maxChars))))
        .withColumn("reason", when(col("reason").isNotNull(), col("reason"))
            .when(noId, lit(Raw.Reason.MISSING_ID.code))
            .when(noText, lit(Raw.Reason.EMPTY_TEXT.code))
            .when(tooLarge, lit(Raw.Reason.TOO_LARGE.code)))
        .withColumn("text", when(tooLarge, lit(null).cast("string")).otherwise(col("text")))
        .withColumn("doc_id", trim(col("doc_id")));
  }

  /** The first record with an id (by source, then position) keeps it; later ones are quarantined. */
  private static Dataset<Row> markDuplicateIds(Dataset<Row> candidates) {
    Dataset<Row> firsts = candidates.groupBy("doc_id")
        .agg(min(struct(col("source"), col("position"))).as("_first"), count(lit(1)).as("_n"))
        .filter(col("_n").gt(1)).drop("_n");
    // Broadcast: the table holds only ids used more than once, and the candidates (with their text) stay in place.
    Dataset<Row> joined = candidates.join(broadcast(firsts), "doc_id", "left")
        .withColumn("_dup", col("_first").isNotNull()
            .and(not(col("_first.source").equalTo(col("source")).and(col("_first.position").equalTo(col("position"))))));
    return joined
        .withColumn("reason", when(col("_dup"), lit(Raw.Reason.DUPLICATE_ID.code)))
        .withColumn("detail", when(col("_dup"), concat(lit("the id is already used by the record at "),
            col("_first.source"), lit(" position "), col("_first.position"))))
        .withColumn("record", when(col("_dup"), substring(col("text"), 1, Raw.EXCERPT)))
        .drop("_first", "_dup");
  }

  private static Column[] quarantineColumns() {
    return new Column[] {col("source"), col("position"), col("doc_id"), col("reason"),
        coalesce(col("detail"), lit("")).as("detail"), col("record")};
  }

  /** Markup, whitespace, outlet names and dates, record by record. */
  private static Dataset<Row> clean(SparkSession spark, Dataset<Row> candidates, IngestOptions o) {
    Column markup = udf(Cleaning.MARKUP, Cleaning.MARKUP_RESULT).apply(col("text"));
    Column markers = udf(InlineMarkers.remover(Set.copyOf(o.keepMarkers)), InlineMarkers.RESULT).apply(col("text"));
    Column outlet = trim(regexp_replace(coalesce(col("outlet_raw"), lit("")), "\\s+", " "));
    Dataset<Row> df = candidates.filter(col("reason").isNull())
        .withColumn("_markup", markup)
        .withColumn("_excerpt", substring(col("text"), 1, Raw.EXCERPT))
        .withColumn("text", col("_markup.text"))
        .withColumn("markup_chars", col("_markup.markup_chars"))
        .withColumn("_markers", markers)   // over the text without its markup
        .withColumn("text", col("_markers.text"))
        .withColumn("_removed", col("_markers.removed"))
        .withColumn("text", udf(Cleaning.SENTENCE_SPACE, DataTypes.StringType).apply(col("text")))   // links gone first
        .withColumn("outlet", when(outlet.equalTo(""), lit(o.unknownOutlet)).otherwise(outlet))
        .withColumn("published", udf(Cleaning.DATE, DataTypes.DateType).apply(col("published_raw")))
        .withColumn("extra", when(col("published").isNull().and(trim(coalesce(col("published_raw"), lit(""))).notEqual(""))
                .and(not(map_contains_key(col("extra"), lit("published_raw")))),
            map_concat(col("extra"), map(lit("published_raw"), col("published_raw")))).otherwise(col("extra")))
        .drop("_markup", "_markers");
    if (o.outletAliases != null) {
      Dataset<Row> aliases = TableSource.csvReader(spark).option("comment", "#").csv(o.outletAliases);
      for (String required : List.of("alias", "outlet")) {
        if (!List.of(aliases.columns()).contains(required)) {
          throw new FramelensException("the outlet alias table " + o.outletAliases + " needs the columns alias,outlet");
        }
      }
      aliases = aliases.select(lower(trim(col("alias"))).as("_alias"), trim(col("outlet")).as("_canonical"))
          .dropDuplicates("_alias");
      df = df.join(broadcast(aliases), lower(col("outlet")).equalTo(col("_alias")), "left")
          .withColumn("outlet", coalesce(col("_canonical"), col("outlet"))).drop("_alias", "_canonical");
    }
    return df;
  }

  /**
   * Lines that recur in a large share of one outlet's documents (footers, "Comments", newsletter pitches) are
   * boilerplate. Lines are compared after lower-casing; the set per outlet is small and broadcast. A line that
   * repeats an earlier line of the same document (a title printed again mid-text) is dropped too.
   */
  private static Dataset<Row> removeBoilerplate(SparkSession spark, Dataset<Row> cleaned,
      Map<String, Set<Long>> perOutlet) {
    LOG.info("{} boilerplate lines found in {} outlets", perOutlet.values().stream().mapToInt(Set::size).sum(), perOutlet.size());
    var sets = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(perOutlet);
    Column dropped = udf(new Lines.Drop(sets), Lines.DROP_RESULT).apply(col("outlet"), col("text"));
    return cleaned.withColumn("_d", dropped)
        .withColumn("text", col("_d.text"))
        .withColumn("boilerplate_lines", col("_d.boilerplate_lines"))
        .withColumn("repeated_lines", col("_d.repeated_lines"))
        .drop("_d");
  }

  /** The boilerplate lines' hashes per outlet (see {@link #removeBoilerplate}); docsPerOutlet: outlet, _docs. */
  private static Map<String, Set<Long>> boilerplate(Dataset<Row> cleaned, Dataset<Row> docsPerOutlet, IngestOptions o) {
    Dataset<Row> boiler = cleaned
        .select(col("outlet"), explode(udf(Lines.KEYS, DataTypes.createArrayType(DataTypes.LongType)).apply(col("text"))).as("_h"))
        .groupBy("outlet", "_h").agg(count(lit(1)).as("_n"))
        .join(broadcast(docsPerOutlet), "outlet")
        .filter(col("_docs").geq(o.boilerplateMinDocs)
            .and(col("_n").geq(greatest(lit(2), ceil(col("_docs").multiply(o.boilerplateShare))))))
        .select("outlet", "_h");
    // Bounded by the outlets' repeated lines (a few per outlet), not by the corpus: safe to hold on the driver.
    Map<String, Set<Long>> perOutlet = new java.util.HashMap<>();
    for (Row r : boiler.collectAsList()) {
      perOutlet.computeIfAbsent(r.getString(0), k -> new java.util.HashSet<>()).add(r.getLong(1));
    }
    return perOutlet;
  }

  /**
   * The outlets' page templates (see {@link Templates} for the rule), found in two passes over the texts: the
   * sequences that stand as fragments in enough of an outlet's documents, then every occurrence of those, to keep the
   * ones that stand apart nearly everywhere they occur. Then a second round looks for the parts of those templates
   * in the text the first left: a template nested in a longer one ("toggle caption" in "Enlarge this image toggle
   * caption") stands apart only once the longer one is gone. Every list is bounded by the outlets' recurring
   * sequences (hundreds per outlet), not by the corpus, and is broadcast. What is cached here is added to cached, for
   * the caller to release once it has materialised the result.
   */
  private static Dataset<Row> removeTemplates(SparkSession spark, Dataset<Row> docs, IngestOptions o, Set<String> stop,
      List<Dataset<Row>> cached, long largest) {
    if (o.keepTemplates) {
      return o.keepBylines ? docs : apply(docs, null, stop, o, !o.keepBylines);
    }
    int maxWords = o.templateMaxWords;
    Dataset<Row> docsPerOutlet = docs.groupBy("outlet")
        .agg(count(lit(1)).as("_docs"), sum(coalesce(length(col("text")), lit(0))).as("_chars"));
    Column needed = greatest(lit(o.templateMinDocs), ceil(col("_docs").multiply(o.templateShare)));
    Map<String, Set<Long>> candidates = new java.util.HashMap<>();
    Map<String, Set<Long>> verbatim = new java.util.HashMap<>();   // frequent enough is all a verbatim run needs
    Map<String, Set<Long>> lines = new java.util.HashMap<>();
    if (largest >= o.templateMinDocs) {   // every rule needs --template-min-docs of one outlet's documents
      Dataset<Row> frequent = DocumentCounts.frequent(
          docs.select(col("outlet"), udf(Templates.bounded(stop, maxWords, o.templateVerbatimWords),
              DataTypes.createArrayType(DataTypes.LongType)).apply(col("text")).as("_h")),
          docsPerOutlet.withColumn("_needed", needed));
      for (Row r : frequent.collectAsList()) {
        (Templates.verbatim(r.getLong(1)) ? verbatim : candidates)
            .computeIfAbsent(r.getString(0), k -> new java.util.HashSet<>()).add(r.getLong(1));
      }
      lines = recurringLines(docs, o);
    }
    Map<String, Map<String, Templates.Kind>> first = accepted(spark, docs, candidates, docsPerOutlet, needed, stop, o);
    LOG.info("{} template sequences found in {} outlets (from {} candidates), {} verbatim runs of {} words in {} outlets,"
        + " and {} recurring lines in {} outlets", first.values().stream().mapToInt(Map::size).sum(), first.size(),
        candidates.values().stream().mapToInt(Set::size).sum(), verbatim.values().stream().mapToInt(Set::size).sum(),
        o.templateVerbatimWords, verbatim.size(), lines.values().stream().mapToInt(Set::size).sum(), lines.size());
    Dataset<Row> once = apply(docs, byHash(spark, first, verbatim, lines), stop, o, !o.keepBylines);
    Map<String, Set<Long>> parts = new java.util.HashMap<>();
    first.forEach((outlet, seqs) -> seqs.keySet().forEach(seq -> {
      String[] words = seq.split(" ");
      for (int from = 0; from < words.length; from++) {
        for (int to = from + 1; to <= Math.min(words.length, from + maxWords); to++) {
          if (to - from < words.length) {
            parts.computeIfAbsent(outlet, k -> new java.util.HashSet<>())
                .add(Templates.sequenceHash(String.join(" ", java.util.Arrays.copyOfRange(words, from, to))));
          }
        }
      }
    }));
    if (parts.isEmpty()) {
      return once;
    }
    once = once.persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(once);
    Map<String, Map<String, Templates.Kind>> second = accepted(spark, once, parts, docsPerOutlet, needed, stop, o);
    LOG.info("{} more template sequences found in {} outlets once the first were removed (from {} of their parts)",
        second.values().stream().mapToInt(Map::size).sum(), second.size(), parts.values().stream().mapToInt(Set::size).sum());
    return second.isEmpty() ? once : apply(once, byHash(spark, second, Map.of(), Map.of()), stop, o, false);
  }

  /**
   * The lines (as {@link Templates#lineHash} hashes) of --template-line-words words or more that recur in
   * --template-min-docs of an outlet's documents with different titles (an outlet's updated versions of one story
   * keep its title, and their shared paragraphs are the story's), whatever the outlet's size: sidebars, promotions,
   * author bios. Bounded by the outlets' recurring lines, not by the corpus.
   */
  private static Map<String, Set<Long>> recurringLines(Dataset<Row> docs, IngestOptions o) {
    Map<String, Set<Long>> lines = new java.util.HashMap<>();
    if (o.templateLineWords == 0) {
      return lines;
    }
    Dataset<Row> recurring = docs
        .select(col("outlet"), coalesce(col("title"), col("doc_id")).as("_title"),
            explode(udf(Templates.lineHashes(o.templateLineWords), DataTypes.createArrayType(DataTypes.LongType))
                .apply(col("text"))).as("h"))
        .groupBy("outlet", "h").agg(countDistinct("_title").as("_n"))
        .filter(col("_n").geq(o.templateMinDocs));
    for (Row r : recurring.collectAsList()) {
      lines.computeIfAbsent(r.getString(0), k -> new java.util.HashSet<>()).add(r.getLong(1));
    }
    return lines;
  }

  /**
   * A sequence in capitals: a label. Not any capitalised words: at a paragraph's start "The Justice", "The United",
   * "Former" and "Donald J" are followed by capitalised words too, the rest of a name.
   */
  private static final String CAPITALS = "^[^\\p{Ll}]+$";

  /**
   * The candidates (per outlet, sequence hashes) that pass the template rule over all their occurrences in docs, and
   * occur at least needed times: sequence and kind per outlet.
   */
  private static Map<String, Map<String, Templates.Kind>> accepted(SparkSession spark, Dataset<Row> docs,
      Map<String, Set<Long>> candidates, Dataset<Row> docsPerOutlet, Column needed, Set<String> stop, IngestOptions o) {
    Map<String, Map<String, Templates.Kind>> templates = new java.util.HashMap<>();
    if (candidates.isEmpty()) {
      return templates;
    }
    var cands = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(candidates);
    Dataset<Row> occ = docs.select(col("outlet"), explode(udf(Templates.occurrences(cands, stop, o.templateMaxWords),
        DataTypes.createArrayType(Templates.OCCURRENCE)).apply(col("outlet"), col("text"))).as("o"))
        .select(col("outlet"), col("o.*"));
    Dataset<Row> stats = OccurrenceStats.of(occ, stop);
    double s = o.templateFragmentShare;
    Column n = col("occ");
    Column leftMost = col("left_max");
    Column rightMost = col("right_max");
    Column leftSlot = col("left_slot_max");
    // A label in capitals ("JUST WATCHED", "CLICK HERE") opens a title or a caption, and a name may open many of them
    // (Trump, 13 of the 70 video titles after one outlet's JUST WATCHED): only lower-case words following it count
    // against its slot's variety.
    Column rightSlot = when(col("seq").rlike(CAPITALS), col("right_lower_max")).otherwise(col("right_slot_max"));
    // The rule of docs/cleaning.md: set apart at both ends, and part of no longer unit; or at one edge, with a slot
    // of varying words on the other side (none fills it in more than 1 - s of the occurrences but a title's
    // capitalised stop word, and none at all in s of them: "Read more" ends its line), and what follows it is mostly a
    // new unit, not its own sentence running on in lower case ("The president has ...", "Meanwhile, the ..." at a
    // paragraph's start); or a whole sentence; or a label, capitalised, before a colon or a dash.
    Column kind = when(col("sentence"), lit("S"))
        .when(col("both").geq(n.multiply(s)).and(leftMost.lt(n.multiply(s))).and(rightMost.lt(n.multiply(s))), lit("F"))
        .when(col("left_edge").geq(n.multiply(s)).and(rightSlot.leq(n.multiply(1 - s))).and(rightMost.lt(n.multiply(s)))
            .and(col("runs_on").leq(n.multiply(Templates.RUNS_ON_SHARE))), lit("L"))
        .when(col("right_edge").geq(n.multiply(s)).and(leftSlot.leq(n.multiply(1 - s))).and(leftMost.lt(n.multiply(s))),
            lit("R"))
        .when(col("label_end").geq(n.multiply(s)).and(col("seq").rlike("^\\p{Lu}")).and(size(split(col("seq"), " ")).leq(3)),
            lit("C"));
    Dataset<Row> accepted = stats.join(broadcast(docsPerOutlet), "outlet")
        .filter(n.geq(needed))
        .withColumn("kind", kind)
        .filter(col("kind").isNotNull().and(not(col("seq").isin(o.keepTemplate.toArray())))
            .and(not(col("seq").rlike(Templates.PARTY_LABEL))))
        .select("outlet", "seq", "kind");
    for (Row r : accepted.collectAsList()) {
      templates.computeIfAbsent(r.getString(0), k -> new java.util.HashMap<>())
          .put(r.getString(1), Templates.Kind.valueOf(r.getString(2)));
    }
    cands.destroy();
    return templates;
  }

  /** The templates and verbatim runs as the remover looks them up, by hash; null when there are none. */
  private static org.apache.spark.broadcast.Broadcast<Map<String, Map<Long, Templates.Kind>>> byHash(SparkSession spark,
      Map<String, Map<String, Templates.Kind>> templates, Map<String, Set<Long>> verbatim, Map<String, Set<Long>> lines) {
    if (templates.isEmpty() && verbatim.isEmpty() && lines.isEmpty()) {
      return null;
    }
    Map<String, Map<Long, Templates.Kind>> byHash = new java.util.HashMap<>();
    templates.forEach((outlet, seqs) -> seqs.forEach((seq, kind) ->
        byHash.computeIfAbsent(outlet, k -> new java.util.HashMap<>()).put(Templates.sequenceHash(seq), kind)));
    verbatim.forEach((outlet, hashes) -> hashes.forEach(h ->
        byHash.computeIfAbsent(outlet, k -> new java.util.HashMap<>()).put(h, Templates.Kind.V)));
    lines.forEach((outlet, hashes) -> hashes.forEach(h ->
        byHash.computeIfAbsent(outlet, k -> new java.util.HashMap<>()).put(h, Templates.Kind.P)));
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(byHash);
  }

  /** The templates (none if null), the photo credits that stand alone (unless templates are kept) and the bylines removed. */
  private static Dataset<Row> apply(Dataset<Row> docs, org.apache.spark.broadcast.Broadcast<Map<String, Map<Long, Templates.Kind>>> sets,
      Set<String> stop, IngestOptions o, boolean bylines) {
    if (sets == null && o.keepTemplates && !bylines) {
      return docs;
    }
    Column removed = udf(Templates.remover(sets, stop, o.templateMaxWords, o.templateVerbatimWords, !o.keepTemplates,
        bylines, Set.copyOf(o.keepTemplate)), Templates.RESULT)
        .apply(col("outlet"), col("text"), col("title"), col("_removed"));
    return docs.withColumn("_t", removed)
        .withColumn("text", col("_t.text"))
        .withColumn("_removed", col("_t.removed"))
        .drop("_t");
  }

  /** One row per near-duplicate group, from the committed documents. */
  private static Dataset<Row> nearDuplicateGroups(Dataset<Row> documents) {
    Dataset<Row> members = documents.filter(col("near_duplicate_group").isNotNull());
    Dataset<Row> firsts = members.filter(col("doc_id").equalTo(col("near_duplicate_group")))
        .select(col("doc_id").as("group_id"), col("outlet").as("first_outlet"), col("published").as("first_published"),
            col("near_duplicate_outlets").as("outlets"));
    return members.groupBy(col("near_duplicate_group").as("group_id"))
        .agg(count(lit(1)).as("documents"), countDistinct("content_hash").as("distinct_texts"),
            count(when(col("duplicate_of").isNull(), lit(1))).as("counted"), max("published").as("last_published"),
            min("near_duplicate_jaccard").as("min_jaccard"))
        .join(firsts, "group_id")
        .withColumn("n_outlets", size(col("outlets")));
  }

  /** Token and sentence counts only: the sentences themselves are rebuilt by the stages that need them. */
  private Dataset<Row> withTokenCounts(Dataset<Row> docs, RunContext ctx) {
    Set<String> stopWords = StopWords.load(analysis, ctx.spark.sparkContext().hadoopConfiguration());
    return docs.withColumn("_counts", TextAnalyzer.of(analysis, stopWords).countsUdf().apply(col("text")))
        .withColumn("n_tokens", col("_counts.n_tokens"))
        .withColumn("n_sentences", col("_counts.n_sentences"))
        .drop("_counts");
  }

  /** The run's counts; {@code groups} is the number of near-duplicate groups (none: their queries are skipped). */
  private void report(RunContext ctx, long nDocs, long nQuarantined, long groups) {
    Map<String, Long> reasons = new LinkedHashMap<>();
    for (Row r : ctx.table(CorpusTables.QUARANTINE).groupBy("reason").count().orderBy(desc("count")).collectAsList()) {
      reasons.put(r.getString(0), r.getLong(1));
    }
    ctx.count("input_records", nDocs + nQuarantined);
    ctx.count("documents", nDocs);
    ctx.count("quarantined", nQuarantined);
    ctx.count("quarantine_reasons", reasons);
    if (nDocs == 0) {
      throw new FramelensException("no usable documents: all " + nQuarantined + " input records were quarantined "
          + reasons + ". Check --format and the column options (--id-column, --text-column, ...); nothing was written.");
    }
    String unknown = o.unknownOutlet;
    Row s = ctx.table(CorpusTables.DOCUMENTS).agg(
        sum("n_tokens"), sum(when(col("duplicate_of").isNotNull(), 1).otherwise(0)),
        sum(when(col("outlet").equalTo(unknown), 1).otherwise(0)), countDistinct("outlet"),
        sum("boilerplate_lines"), sum("markup_chars"), sum(when(col("published").isNull(), 1).otherwise(0)),
        sum("repeated_lines")).first();
    ctx.count("tokens", s.getLong(0));
    ctx.count("duplicates", s.getLong(1));
    ctx.count("unknown_outlet", s.getLong(2));
    ctx.count("outlets", s.getLong(3));
    ctx.count("boilerplate_lines_removed", s.getLong(4));
    ctx.count("markup_chars_removed", s.getLong(5));
    ctx.count("undated", s.getLong(6));
    ctx.count("repeated_lines_removed", s.getLong(7));
    Row g = groups == 0 ? RowFactory.create(0L, 0L, 0L, 0L)
        : ctx.table(CorpusTables.NEAR_DUPLICATES).agg(count(lit(1)), coalesce(sum("documents"), lit(0L)),
            count(when(col("n_outlets").gt(1), lit(1))), coalesce(max("documents"), lit(0L))).first();
    ctx.count("near_duplicate_groups", g.getLong(0));
    ctx.count("near_duplicate_documents", g.getLong(1));
    ctx.count("syndicated_groups", g.getLong(2));
    ctx.count("near_duplicate_largest", g.getLong(3));
    // Each outlet's wire share: of the documents it counts, those whose text another outlet also ran (none without
    // a group).
    Map<String, Map<String, Object>> wire = new java.util.TreeMap<>();
    for (Row r : groups == 0 ? List.<Row>of() : ctx.table(CorpusTables.DOCUMENTS).filter(col("duplicate_of").isNull())
        .groupBy("outlet").agg(count(lit(1)).as("n"), count(when(col("syndicated"), lit(1))).as("syndicated"))
        .filter(col("syndicated").gt(0)).collectAsList()) {   // one row per outlet
      wire.put(r.getString(0), Map.of("documents", r.getLong(1), "syndicated", r.getLong(2),
          "share", Math.round(1e4 * r.getLong(2) / (double) r.getLong(1)) / 1e4));
    }
    ctx.count("syndicated_documents", wire.values().stream().mapToLong(m -> (Long) m.get("syndicated")).sum());
    ctx.count("wire_share", wire);
    Map<String, Long> markers = new LinkedHashMap<>();
    for (InlineMarkers.Kind k : InlineMarkers.Kind.values()) {
      markers.put(k.name(), 0L);
    }
    long templates = 0;
    long templateSequences = 0;
    long credits = 0;
    long bylines = 0;
    for (Row r : ctx.table(CorpusTables.REMOVED_TEXT).groupBy("kind").agg(sum("occurrences"), count(lit(1))).collectAsList()) {
      if (r.getString(0).equals("template")) {
        templates = r.getLong(1);
        templateSequences = r.getLong(2);
      } else if (r.getString(0).equals("credit")) {
        credits = r.getLong(1);
      } else if (r.getString(0).equals("byline")) {
        bylines = r.getLong(1);
      } else {
        markers.put(r.getString(0), r.getLong(1));
      }
    }
    ctx.count("markers_removed", markers);
    ctx.count("templates_removed", templates);
    ctx.count("template_sequences", templateSequences);
    ctx.count("credits_removed", credits);
    ctx.count("bylines_removed", bylines);
    ctx.figure("documents", nDocs);
    ctx.figure("tokens", s.getLong(0));
    ctx.figure("quarantined", nQuarantined);
    LOG.info("{} input records: {} documents ({} duplicates, {} without outlet), {} quarantined {}",
        nDocs + nQuarantined, nDocs, s.getLong(1), s.getLong(2), nQuarantined, reasons);
  }

  /** The five outlets with most syndicated documents, with their wire shares. */
  private static String wireLeaders(JsonNode wire) {
    List<Map.Entry<String, JsonNode>> all = new java.util.ArrayList<>();
    wire.fields().forEachRemaining(all::add);
    all.sort(java.util.Comparator.comparingLong((Map.Entry<String, JsonNode> e) -> -e.getValue().path("syndicated").asLong())
        .thenComparing(Map.Entry::getKey));
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, JsonNode> e : all.subList(0, Math.min(5, all.size()))) {
      b.append(b.length() == 0 ? "; most: " : ", ").append(e.getKey()).append(String.format(Locale.ROOT, " %,d (%.0f%%)",
          e.getValue().path("syndicated").asLong(), 100 * e.getValue().path("share").asDouble()));
    }
    return b.toString();
  }

  @Override
  public Optional<Section> report(RunContext ctx) {
    JsonNode m = ctx.manifest();
    JsonNode c = m.path("counts");
    if (!ctx.has(CorpusTables.DOCUMENTS) || !c.has("input_records")) {
      return Optional.empty();
    }
    StringBuilder t = new StringBuilder();
    t.append(String.format(Locale.ROOT, "Input      %s (%s, %d file(s))%n", m.path("input").path("path").asText(),
        m.path("input").path("format").asText(), m.path("input").path("n_files").asLong()));
    t.append(String.format(Locale.ROOT, "Records    %,d read: %,d documents, %,d quarantined%s%n",
        c.path("input_records").asLong(), c.path("documents").asLong(), c.path("quarantined").asLong(),
        c.path("quarantined").asLong() > 0 ? " " + c.path("quarantine_reasons") : ""));
    t.append(String.format(Locale.ROOT, "Outlets    %,d (%,d document(s) without an outlet, kept as \"%s\")%n",
        c.path("outlets").asLong(), c.path("unknown_outlet").asLong(),
        m.path("tables").path("documents").path("settings").path("ingest").path("unknownOutlet").asText(o.unknownOutlet)));
    t.append(String.format(Locale.ROOT, "Cleaning   removed %,d markup characters, %,d boilerplate and %,d repeated lines; %,d undated%n",
        c.path("markup_chars_removed").asLong(), c.path("boilerplate_lines_removed").asLong(),
        c.path("repeated_lines_removed").asLong(), c.path("undated").asLong()));
    if (c.has("near_duplicate_groups")) {
      t.append(String.format(Locale.ROOT, "Copies     %,d groups of exact or near copies (%,d documents, largest %,d; %,d across outlets): %,d copies not counted, %,d counted documents syndicated%s (see near_duplicates)%n",
          c.path("near_duplicate_groups").asLong(), c.path("near_duplicate_documents").asLong(),
          c.path("near_duplicate_largest").asLong(), c.path("syndicated_groups").asLong(), c.path("duplicates").asLong(),
          c.path("syndicated_documents").asLong(), wireLeaders(c.path("wire_share"))));
    } else {   // a manifest written before near-duplicates
      t.append(String.format(Locale.ROOT, "Copies     %,d exact duplicate(s) not counted%n", c.path("duplicates").asLong()));
    }
    JsonNode mk = c.path("markers_removed");
    if (mk.isObject()) {
      t.append(String.format(Locale.ROOT, "Markers    removed %,d links, %,d e-mail addresses, %,d handles, %,d embed markers, %,d post signatures (see removed_text)%n",
          mk.path("url").asLong(), mk.path("email").asLong(), mk.path("handle").asLong(), mk.path("embed").asLong(),
          mk.path("signature").asLong()));
    }
    if (c.has("templates_removed")) {
      t.append(String.format(Locale.ROOT, "Templates  removed %,d occurrences of %,d outlet template sequences, %,d credits beside them and %,d bylines (see removed_text)%n",
          c.path("templates_removed").asLong(), c.path("template_sequences").asLong(), c.path("credits_removed").asLong(),
          c.path("bylines_removed").asLong()));
    }
    t.append(String.format(Locale.ROOT, "Tokens     %,d%n", c.path("tokens").asLong()));
    return Optional.of(new Section(t.toString(), "```\n" + t + "```\n", charts(ctx, c)));
  }

  /** Outlets in the corpus charts, the largest first; the others are in the documents table. */
  static final int CHART_OUTLETS = 30;
  /** Outlets drawn over time. */
  static final int TIME_OUTLETS = 8;

  /** Documents per outlet and over time, quarantine reasons, what cleaning removed: small aggregates only. */
  private static List<Chart> charts(RunContext ctx, JsonNode c) {
    Dataset<Row> docs = ctx.table(CorpusTables.DOCUMENTS);
    List<Row> perOutlet = docs.groupBy("outlet").agg(
            sum(when(col("duplicate_of").isNull(), 1).otherwise(0)).as("counted"),
            sum(when(col("duplicate_of").isNotNull(), 1).otherwise(0)).as("copies"))
        .orderBy(col("counted").desc(), col("outlet")).limit(CHART_OUTLETS).collectAsList();
    List<Map<String, Object>> bars = new ArrayList<>();
    for (Row r : perOutlet) {
      bars.add(Map.of("outlet", r.getString(0), "kind", "counted", "documents", r.getLong(1)));
      bars.add(Map.of("outlet", r.getString(0), "kind", "copy not counted", "documents", r.getLong(2)));
    }
    List<Chart> charts = new ArrayList<>();
    charts.add(Chart.vegaLite("corpus-outlets", "Documents per outlet",
        String.format(Locale.ROOT, "The %d outlets with most counted documents (of %,d); copies are exact or near duplicates within an outlet.",
            Math.min(CHART_OUTLETS, perOutlet.size()), c.path("outlets").asLong()),
        """
        {"width": 620, "mark": {"type": "bar", "tooltip": true},
         "encoding": {"y": {"field": "outlet", "type": "nominal", "sort": "-x", "title": null},
                      "x": {"field": "documents", "type": "quantitative", "stack": "zero"},
                      "color": {"field": "kind", "type": "nominal", "title": null}}}""", bars, List.of()));

    List<Object> top = perOutlet.stream().limit(TIME_OUTLETS).map(r -> (Object) r.getString(0)).toList();
    Row span = docs.filter(col("published").isNotNull()).agg(datediff(max("published"), min("published"))).first();
    long days = span.isNullAt(0) ? 0 : span.getInt(0);
    String unit = days > 400 ? "month" : days > 60 ? "week" : "day";
    List<Row> time = docs.filter(col("published").isNotNull().and(col("duplicate_of").isNull()).and(col("outlet").isin(top.toArray())))
        .groupBy(col("outlet"), date_trunc(unit, col("published")).cast("date").as("period")).count()
        .orderBy("outlet", "period").collectAsList();
    if (!time.isEmpty()) {
      charts.add(Chart.vegaLite("corpus-time", "Documents over time",
          "Counted dated documents per " + unit + " of the " + top.size() + " largest outlets (" + c.path("undated").asLong() + " documents are undated).",
          """
          {"width": 620, "mark": {"type": "line", "point": true, "tooltip": true},
           "encoding": {"x": {"field": "period", "type": "temporal", "title": null},
                        "y": {"field": "count", "type": "quantitative", "title": "documents"},
                        "color": {"field": "outlet", "type": "nominal"}}}""",
          Chart.values(time), List.of()));
    }
    List<Map<String, Object>> removed = new ArrayList<>();
    c.path("quarantine_reasons").fields().forEachRemaining(e -> removed.add(Map.of("what", "quarantined: " + e.getKey(), "count", e.getValue().asLong())));
    for (String[] k : new String[][] {{"duplicates", "copies not counted"}, {"boilerplate_lines_removed", "boilerplate lines"},
        {"repeated_lines_removed", "repeated lines"}, {"templates_removed", "template sequences"},
        {"bylines_removed", "bylines"}, {"credits_removed", "credits"}}) {
      if (c.has(k[0])) {
        removed.add(Map.of("what", k[1], "count", c.path(k[0]).asLong()));
      }
    }
    c.path("markers_removed").fields().forEachRemaining(e -> removed.add(Map.of("what", "markers: " + e.getKey(), "count", e.getValue().asLong())));
    charts.add(Chart.vegaLite("corpus-removed", "What was quarantined, left uncounted or removed",
        "Records quarantined by reason (the quarantine table), copies not counted, and what cleaning removed from the texts (removed_text lists the sequences).",
        """
        {"width": 620, "mark": {"type": "bar", "tooltip": true},
         "encoding": {"y": {"field": "what", "type": "nominal", "sort": "-x", "title": null},
                      "x": {"field": "count", "type": "quantitative"}}}""", removed, List.of()));
    return charts;
  }
}
