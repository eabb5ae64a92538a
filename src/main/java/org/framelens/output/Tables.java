package org.framelens.output;

import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;

/**
 * Every table framelens writes. Bump a table's version whenever a column is added, removed, renamed or changes
 * meaning; docs/tables.md is generated from here (a test fails when they differ).
 */
public final class Tables {
  private Tables() {}

  public static final TableSpec DOCUMENTS = new TableSpec("documents", 1,
      "One row per input record that became a document (duplicates included, marked).",
      List.of(
          new Column("doc_id", StringType, false,
              "Record id from the input's id column; for a folder of text files, the file's path below the input root without its extension."),
          new Column("outlet", StringType, false,
              "Outlet after whitespace clean-up and the alias table; `(unknown)` (see --unknown-outlet) when the record names none."),
          new Column("outlet_raw", StringType, true, "Outlet exactly as the input gives it."),
          new Column("published", DateType, true,
              "Publication date parsed from the date column (ISO date or timestamp, `January 3, 2023`, `3 January 2023`, `29.12.2022`); null when absent or unparseable, the raw value then kept in extra['published_raw']."),
          new Column("author", StringType, true, "Author(s) as given."),
          new Column("title", StringType, true, "Title as given."),
          new Column("url", StringType, true, "URL as given."),
          new Column("text", StringType, false,
              "Cleaned text: HTML tags removed and entities decoded, the outlet's boilerplate lines removed, spaces collapsed; paragraphs separated by a blank line."),
          new Column("n_tokens", IntegerType, false, "Word tokens in text, stop words included."),
          new Column("n_sentences", IntegerType, false, "Sentences in text."),
          new Column("content_hash", StringType, false,
              "SHA-256 (hex) of text with whitespace runs collapsed: equal hashes are exact duplicate texts."),
          new Column("duplicate_of", StringType, true,
              "For an exact duplicate, the doc_id of the copy that is kept (the smallest doc_id with the same content_hash); null for kept documents. Duplicates are left out of every term count."),
          new Column("boilerplate_lines", IntegerType, false, "Lines removed from this document as its outlet's boilerplate."),
          new Column("repeated_lines", IntegerType, false,
              "Lines removed because they repeat an earlier line of the same document (a title or caption printed twice)."),
          new Column("markup_chars", IntegerType, false, "Characters removed by HTML tag stripping and entity decoding."),
          new Column("source", StringType, false, "Input file the record came from (Hadoop path)."),
          new Column("position", LongType, false,
              "Where in the source: byte offset of the line for JSON Lines, row number for CSV and Parquet, 0 for one file per document."),
          new Column("extra", DataTypes.createMapType(StringType, StringType, true), false,
              "Every other input field or manifest column (for example label, topic, notes), as text.")));

  public static final TableSpec QUARANTINE = new TableSpec("quarantine", 1,
      "One row per input record that did not become a document, with the reason. documents + quarantine = input records.",
      List.of(
          new Column("source", StringType, false, "Input file (Hadoop path), or the manifest for a manifest row."),
          new Column("position", LongType, false, "Byte offset (JSON Lines), row number (CSV, Parquet, manifest) or 0."),
          new Column("doc_id", StringType, true, "The record's id when it could be read."),
          new Column("reason", StringType, false,
              "One of: malformed_json, invalid_utf8, missing_id, empty_text, empty_after_cleaning, duplicate_id, unreadable_file, missing_file, no_manifest_row, outside_input_root, malformed_csv, too_large, wrong_type (a field of a type that is not converted: a text that is not a string, an id that is not a string or an integer, authors that are not a string or an array of strings, an object or array as outlet, date, title or url; the detail names the field and the type)."),
          new Column("detail", StringType, false, "What exactly is wrong, in words (parser message, first occurrence of a duplicate id, ...)."),
          new Column("record", StringType, true, "The record, or its first 1,000 characters.")));

  public static final TableSpec DOC_TERMS = new TableSpec("doc_terms", 1,
      "Term counts per document (unigrams and detected phrases), duplicates excluded.",
      List.of(
          new Column("doc_id", StringType, false, "Document."),
          new Column("outlet", StringType, false, "The document's outlet."),
          new Column("term", StringType, false, "Unigram, or a phrase of n words joined by single spaces (see the phrases table)."),
          new Column("n", IntegerType, false, "Words in the term: 1, 2 or 3."),
          new Column("count", IntegerType, false, "Occurrences in the document."),
          new Column("tf", DoubleType, false, "count / the document's unigram term count (stop words excluded)."),
          new Column("tfidf", DoubleType, false,
              "tf * ln((N + 1) / (df + 1)), N the number of counted documents, df the documents containing the term (Spark ML's IDF formula).")));

  public static final TableSpec OUTLET_TERMS = new TableSpec("outlet_terms", 1,
      "Term totals per outlet.",
      List.of(
          new Column("outlet", StringType, false, "Outlet."),
          new Column("term", StringType, false, "Term, as in doc_terms."),
          new Column("n", IntegerType, false, "Words in the term."),
          new Column("count", LongType, false, "Occurrences in the outlet's documents."),
          new Column("doc_freq", LongType, false, "The outlet's documents that contain the term."),
          new Column("rate_per_10k", DoubleType, false, "count per 10,000 unigram terms of the outlet (stop words excluded).")));

  public static final TableSpec PHRASES = new TableSpec("phrases", 1,
      "Collocations kept as terms: n-grams whose normalised PMI and count pass the thresholds.",
      List.of(
          new Column("term", StringType, false, "The phrase, words joined by single spaces."),
          new Column("n", IntegerType, false, "Words in the phrase: 2 or 3."),
          new Column("count", LongType, false, "Occurrences in the counted documents (within sentences)."),
          new Column("npmi", DoubleType, false,
              "Normalised PMI: ln(p(phrase) / prod p(word)) / ((n - 1) * -ln p(phrase)), p over token positions; 1 = the words only occur together.")));

  public static final TableSpec DISTINCTIVE_TERMS = new TableSpec("distinctive_terms", 1,
      "Keyness of each term for each group against the other groups (or one named reference group).",
      List.of(
          new Column("group_by", StringType, false, "The document column that defines groups (outlet by default)."),
          new Column("target", StringType, false, "The group whose terms are scored (an outlet, or a value of the group_by column)."),
          new Column("reference", StringType, false, "`(all others)`, or the named group it is compared with."),
          new Column("term", StringType, false, "Term, as in doc_terms."),
          new Column("n", IntegerType, false, "Words in the term."),
          new Column("count", LongType, false, "Occurrences in the target group (only terms it uses at least once are listed)."),
          new Column("count_rest", LongType, false, "Occurrences in the reference."),
          new Column("log_odds", DoubleType, false,
              "Log-odds ratio, target against reference, with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008): positive = the target uses it more."),
          new Column("z", DoubleType, false, "log_odds divided by its estimated standard deviation."),
          new Column("g2", DoubleType, false, "Dunning's log-likelihood G2 of the 2x2 table (term vs other terms of the same n, target vs reference)."),
          new Column("chi2", DoubleType, false, "Pearson's chi-squared of the same 2x2 table, without continuity correction."),
          new Column("rank", IntegerType, false, "1 = most distinctive for the group (largest z), over all n.")));

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

  // Named entities (the entities stage).

  public static final TableSpec MENTIONS = new TableSpec("mentions", 2,
      "One row per named-entity mention (person, organisation, place) in the documents that are not duplicates: the actor dictionary's matches and CoreNLP's CRF 3-class NER spans, pronouns excluded.",
      List.of(
          new Column("doc_id", StringType, false, "Document."),
          new Column("outlet", StringType, false, "The document's outlet."),
          new Column("sentence", IntegerType, false, "Sentence number in the document, from 0 (CoreNLP's sentence splitter; a blank line always ends a sentence)."),
          new Column("paragraph", IntegerType, false, "Paragraph number in the document, from 0 (paragraphs are separated by blank lines in documents.text)."),
          new Column("start", IntegerType, false, "Offset of the mention's first character in documents.text, from 0, in UTF-16 code units (Java/Spark string positions; Spark's substring is 1-based: substring(text, start + 1, end - start))."),
          new Column("end", IntegerType, false, "Offset just after the mention's last character."),
          new Column("surface", StringType, false, "The mention as written, titles included when the tagger took them in (\"Gen. Williams\")."),
          new Column("type", StringType, false, "PERSON, ORGANIZATION or LOCATION: the entity's type (the dictionary's, else the type most of the entity's mentions were tagged with); for an ambiguous mention, as tagged."),
          new Column("entity_id", StringType, true, "The entity (see entities); null when the mention is ambiguous."),
          new Column("resolution", StringType, false, "How the mention was resolved: dictionary (an actor dictionary name or pattern), exact (a full name as written), title_stripped (a full name once titles such as President, Gen., Mr. are removed), document_alias (a short form of the one longer name the document uses for a person: Castillo -> Pedro Castillo; also a lone surname the tagger mislabelled as organisation or place), corpus_alias (a lone surname with no full name in its document, given to the full name it stands for in other documents; see --alias-dominance), corpus_variant (a full name written with middle initials, given to the same name without them where the corpus also writes that form and no other initialled name shrinks to it: Joseph R. Biden -> Joseph Biden, while George W. Bush and George H. W. Bush stay apart), ambiguous (a short form of several names, in the document or the corpus: no entity).")));

  public static final TableSpec ENTITIES = new TableSpec("entities", 1,
      "One row per entity: the variants of one name across the corpus, under one id.",
      List.of(
          new Column("entity_id", StringType, false, "Stable id from the type and the normalised full name (accents and case folded, titles, periods and possessive removed, spaces as _): per:pedro_castillo, org:cia, loc:lima. The same name gives the same id in every run and corpus."),
          new Column("canonical_name", StringType, false, "The dictionary's canonical name, else the full form the corpus writes most often (ties: alphabetical)."),
          new Column("type", StringType, false, "PERSON, ORGANIZATION or LOCATION."),
          new Column("aliases", DataTypes.createArrayType(StringType, true), false, "The distinct forms the entity was named with (titles removed), most frequent first, at most 20."),
          new Column("mentions", LongType, false, "Mentions resolved to the entity."),
          new Column("documents", LongType, false, "Documents with at least one such mention."),
          new Column("outlets", LongType, false, "Outlets with at least one such mention.")));

  public static final TableSpec ENTITY_OUTLETS = new TableSpec("entity_outlets", 1,
      "How often each outlet names each entity.",
      List.of(
          new Column("outlet", StringType, false, "Outlet."),
          new Column("entity_id", StringType, false, "Entity."),
          new Column("mentions", LongType, false, "The outlet's mentions of the entity."),
          new Column("documents", LongType, false, "The outlet's documents that mention it."),
          new Column("share", DoubleType, false, "mentions / all of the outlet's mentions that have an entity (ambiguous ones excluded).")));

  public static final TableSpec DESCRIPTORS = new TableSpec("descriptors", 1,
      "How each outlet labels each person and organisation: titles and modifiers before a name (\"coup president\"), and appositives after or before it (\"a former agent of the cia\", \"the vice-president\"; for a person, only those holding a title or role noun), lower-cased. Place names get none.",
      List.of(
          new Column("outlet", StringType, false, "Outlet."),
          new Column("entity_id", StringType, false, "Entity."),
          new Column("descriptor", StringType, false, "The label, lower-cased, as the text words it."),
          new Column("count", LongType, false, "The outlet's mentions of the entity carrying this label."),
          new Column("documents", LongType, false, "The outlet's documents in which it does."),
          new Column("example", StringType, false, "One sentence where it does (of the smallest doc_id, then the first), at most 400 characters.")));

  public static final TableSpec COOCCURRENCE = new TableSpec("cooccurrence", 1,
      "Pairs of entities named in the same window, per outlet and over the corpus. A window is a sentence, a paragraph or a document of the counted documents; probabilities are over the windows of the scope (every window, also those without entities), so p(a) = count_a / windows, p(a,b) = count / windows.",
      List.of(
          new Column("window", StringType, false, "sentence, paragraph or document."),
          new Column("scope", StringType, false, "An outlet, or ALL for the whole corpus (the stage refuses a corpus with an outlet named ALL)."),
          new Column("entity_a", StringType, false, "Entity; pairs are unordered, entity_a < entity_b."),
          new Column("entity_b", StringType, false, "Entity."),
          new Column("count", LongType, false, "Windows of the scope naming both."),
          new Column("documents", LongType, false, "Documents with at least one such window."),
          new Column("windows", LongType, false, "Windows in the scope (N)."),
          new Column("count_a", LongType, false, "Windows naming entity_a."),
          new Column("count_b", LongType, false, "Windows naming entity_b."),
          new Column("pmi", DoubleType, false, "ln(p(a,b) / (p(a) p(b))) = ln(count * windows / (count_a * count_b))."),
          new Column("npmi", DoubleType, false, "pmi / -ln p(a,b), in [-1, 1]; 1 when the two always occur together (and 1 when p(a,b) = 1)."),
          new Column("jaccard", DoubleType, false, "count / (count_a + count_b - count): windows naming both over windows naming either.")));

  /** In the order the pipeline writes them. */
  public static final List<TableSpec> ALL =
      List.of(DOCUMENTS, QUARANTINE, PHRASES, DOC_TERMS, OUTLET_TERMS, DISTINCTIVE_TERMS, TOPIC_MODELS, TOPIC_TERMS,
          DOC_TOPICS, OUTLET_TOPICS, TOPIC_QUALITY, MENTIONS, ENTITIES, ENTITY_OUTLETS, DESCRIPTORS, COOCCURRENCE);

  public static TableSpec byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no such table: " + name));
  }

  /** docs/tables.md, generated so that it cannot drift from the code. */
  public static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Output tables\n\n")
        .append("<!-- Generated from src/main/java/org/framelens/output/Tables.java by `jobs/framelens tables`; ")
        .append("a test fails when this file and the code differ. -->\n\n")
        .append("Each table is a folder of Parquet files under `--output`, with a `_framelens_table.json` beside the files ")
        .append("(table name, schema version, run id). Spark types map to Parquet as usual: string = BYTE_ARRAY (UTF8), ")
        .append("int = INT32, bigint = INT64, double = DOUBLE, date = INT32 (DATE), map = MAP. Every column is stored ")
        .append("as optional; the null column below says which ones framelens guarantees never to be null.\n\n");
    for (TableSpec t : ALL) {
      md.append("## ").append(t.name()).append(" (schema version ").append(t.version()).append(")\n\n")
          .append(t.purpose()).append("\n\n")
          .append("| column | type | null | meaning |\n|---|---|---|---|\n");
      for (Column c : t.columns()) {
        md.append("| ").append(c.name()).append(" | ").append(c.type().simpleString()).append(" | ")
            .append(c.nullable() ? "yes" : "no").append(" | ").append(c.meaning().replace("|", "\\|")).append(" |\n");
      }
      md.append('\n');
    }
    md.append(MODELS_DOC).append(GRAPHS_DOC).append(RUN_MANIFEST_DOC);
    return md.toString();
  }

  private static final String MODELS_DOC = """
      ## models/

      Topic models saved by the topics stage, one folder per k (`topics_k20/`), to score other documents with the same
      topics (`framelens topics --topic-model DIR`). `metadata.json`: format `framelens-topic-model`, version 1,
      optimizer, k, vocabulary size, alpha (one value per topic), beta, iterations, seed, run id, framelens and Spark
      versions. `vocabulary/` (Parquet: id int, term string) and `topics/` (Parquet: topic int, weights array<double>,
      p(term | topic) indexed by vocabulary id). For online and em, `spark_model/` holds MLlib's `LocalLDAModel` in
      Spark ML's own format (`LocalLDAModel.load`).

      """;

  private static final String GRAPHS_DOC = """
      ## graphs/

      Entity co-occurrence networks written by the entities stage, for Gephi, networkx or igraph: for the whole corpus
      (`ALL.graphml`, `ALL.gexf`) and for each outlet (`outlet-<name>.graphml`, `.gexf`; `index.csv` maps each file to
      its scope), over the `--graph-window` (sentence by default). Each holds the `--graph-max-edges` (500) pairs of its
      scope with the most co-occurrences (ties: higher npmi, then the ids) and the entities they join; the
      cooccurrence table keeps every pair. Undirected; node id = entity_id, node attributes name (canonical name),
      type, mentions (in the scope); edge attributes count, documents, pmi, npmi, jaccard (as in cooccurrence; GEXF
      also sets weight = count).

      """;

  private static final String RUN_MANIFEST_DOC = """
      ## run_manifest.json

      Written last, after every table of the run has been committed: its presence means the run succeeded.

      | key | meaning |
      |---|---|
      | run_id | Identifier of the run (UTC time and a random suffix). |
      | command | The subcommand (`run`, `ingest`, `terms`, `distinctive`, `topics`, `entities`). |
      | status | `succeeded` (a failed run writes no manifest). |
      | started_at, finished_at | UTC timestamps. |
      | config | Every setting of the run, defaults included. |
      | versions | framelens, Spark, Scala, Java, Lucene, Hadoop, ICU. |
      | spark | master, application id, default parallelism. |
      | input | path, format, files (path, bytes, modified), the SHA-256 of that listing, and records_xxhash64_xor: the XOR of every input record's xxhash64 (position, id, outlet, date, title, text), which changes when any record's content does, wherever the files are moved. |
      | counts | input records, documents, quarantined (by reason), duplicates, unknown outlets, outlets, tokens, cleaning removals. |
      | stages | name, seconds, documents and tokens for each stage that ran. |
      | tables | for every table in the folder: schema version, rows, and the run that wrote it. |
      """;
}
