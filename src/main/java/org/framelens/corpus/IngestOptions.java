package org.framelens.corpus;

import java.io.Serializable;
import picocli.CommandLine.Option;

/** How to read and clean the corpus. Public fields so that the run manifest records every value. */
public class IngestOptions implements Serializable {

  public enum Format { auto, text, jsonl, csv, parquet }

  @Option(names = "--input", paramLabel = "PATH",
      description = "Corpus: a folder of .txt files with manifest.csv, or JSON Lines (.jsonl, .json, .gz), CSV or Parquet files, a folder of them or a glob; local, hdfs:// or s3a://.")
  public String input;

  @Option(names = "--format", paramLabel = "FORMAT", description = "auto|text|jsonl|csv|parquet (default: ${DEFAULT-VALUE}; auto decides from the file names).")
  public Format format = Format.auto;

  @Option(names = "--manifest", paramLabel = "CSV",
      description = "Metadata for a folder of text files (columns file, outlet, author, published, title, any others); default: the folder's manifest.csv.")
  public String manifest;

  @Option(names = "--id-column", description = "Column holding the record id (default: ${DEFAULT-VALUE}).")
  public String idColumn = "id";
  @Option(names = "--outlet-column", description = "Column holding the outlet (default: ${DEFAULT-VALUE}).")
  public String outletColumn = "outlet";
  @Option(names = "--date-column", description = "Column holding the publication date (default: ${DEFAULT-VALUE}; a text-folder manifest uses 'published').")
  public String dateColumn = "date";
  @Option(names = "--title-column", description = "Column holding the title (default: ${DEFAULT-VALUE}).")
  public String titleColumn = "title";
  @Option(names = "--text-column", description = "Column holding the text (default: ${DEFAULT-VALUE}).")
  public String textColumn = "text";
  @Option(names = "--url-column", description = "Column holding the URL (default: ${DEFAULT-VALUE}).")
  public String urlColumn = "url";
  @Option(names = "--author-column", description = "Column holding the author(s) (default: ${DEFAULT-VALUE}; a text-folder manifest uses 'author').")
  public String authorColumn = "authors";

  @Option(names = "--outlet-aliases", paramLabel = "CSV",
      description = "CSV with header 'alias,outlet': names to merge (e.g. 'Fox Online News,Fox News'); matched case-insensitively.")
  public String outletAliases;

  @Option(names = "--unknown-outlet", description = "Outlet given to records that name none (default: ${DEFAULT-VALUE}).")
  public String unknownOutlet = "(unknown)";

  @Option(names = "--boilerplate-share",
      description = "A line that recurs in at least this share of one outlet's documents is boilerplate (default: ${DEFAULT-VALUE}).")
  public double boilerplateShare = 0.5;

  @Option(names = "--boilerplate-min-docs",
      description = "... and in at least this many of them; outlets with fewer documents keep every line (default: ${DEFAULT-VALUE}).")
  public int boilerplateMinDocs = 5;

  // A news article is tens of kilobytes; a record far larger is a concatenated dump or a binary file, and would
  // take one task's memory (and CoreNLP's time) out of all proportion.
  @Option(names = "--max-document-chars",
      description = "Records whose text is longer are quarantined as too_large (default: ${DEFAULT-VALUE}).")
  public int maxDocumentChars = 1_000_000;

  @Option(names = "--keep-markers", split = ",", paramLabel = "KIND",
      description = "Kinds of inline markers to keep in the text instead of removing them: ${COMPLETION-CANDIDATES} (embedded posts' signature lines, e-mail addresses, links, social-media handles, embedded-post markers, name cards, labels in capitals that open a line: speakers, updates, datelines; transcripts' stage directions; a clock time's zone); default: none kept.")
  public java.util.List<InlineMarkers.Kind> keepMarkers = new java.util.ArrayList<>();

  @Option(names = "--keep-templates", description = "Keep the outlets' page-template text (captions, share and newsletter prompts) instead of removing it.")
  public boolean keepTemplates = false;

  @Option(names = "--keep-bylines", description = "Keep a byline as the first or last line of a text (\"Doug Stanglin\") instead of removing it.")
  public boolean keepBylines = false;

  @Option(names = "--keep-template", paramLabel = "TEXT",
      description = "A template sequence to keep, as removed_text records it (case kept, digits as #); repeatable.")
  public java.util.List<String> keepTemplate = new java.util.ArrayList<>();

  // Chosen on AllSides (see docs/cleaning.md): 2% and 10 documents find the captions and prompts of outlets with a
  // few hundred documents, and 90% is where outlets' own phrases (names, stock phrases) stop passing.
  @Option(names = "--template-share",
      description = "A template stands as a fragment in at least this share of its outlet's documents (default: ${DEFAULT-VALUE}).")
  public double templateShare = 0.02;

  @Option(names = "--template-min-docs", description = "... and in at least this many of them (default: ${DEFAULT-VALUE}).")
  public int templateMinDocs = 10;

  @Option(names = "--template-fragment-share",
      description = "A template stands as a fragment in at least this share of all its occurrences in the outlet (default: ${DEFAULT-VALUE}).")
  public double templateFragmentShare = 0.9;

  @Option(names = "--template-max-words", description = "The longest template, in words (default: ${DEFAULT-VALUE}).")
  public int templateMaxWords = 10;

  // Measured on AllSides (docs/cleaning.md): every run of 10 words that recurs word for word in 2% of an outlet's
  // documents is page furniture (hover cards, donation and newsletter pitches, related-story lists), none reporting.
  @Option(names = "--template-verbatim-words",
      description = "A run of this many words that recurs word for word in as many of an outlet's documents as a template must is removed wherever it stands; 0 turns this off (default: ${DEFAULT-VALUE}).")
  public int templateVerbatimWords = 10;

  // Measured on AllSides (docs/cleaning.md): the 119 lines of 4 words or more that recur in 10 documents of different
  // titles of one outlet are all page furniture (sidebars, newsletter and app promotions, bios, update stamps).
  @Option(names = "--template-line-words",
      description = "A whole line of at least this many words that recurs in --template-min-docs of an outlet's documents (of different titles) is removed, whatever the outlet's size; 0 turns this off (default: ${DEFAULT-VALUE}).")
  public int templateLineWords = 4;

  // 5-word shingles: independently written reports of one event share names and phrases, rarely five words in a
  // row (on basil-dev's same-event triples the highest cross-outlet Jaccard is far below the threshold, see
  // docs/text-analysis.md), while a wire copy or an updated version keeps most of them.
  @Option(names = "--shingle-words", description = "Words per shingle for near-duplicate detection (default: ${DEFAULT-VALUE}).")
  public int shingleWords = 5;

  @Option(names = "--near-duplicate-jaccard",
      description = "Documents whose shingle sets have at least this Jaccard similarity are near-duplicates (default: ${DEFAULT-VALUE}).")
  public double nearDuplicateJaccard = 0.8;

  // Spark's MinHashLSH proposes a pair when any one of its hash tables agrees: a pair at Jaccard J is missed with
  // probability (1 - J)^tables, 0.03% at 0.8 with 5 tables.
  @Option(names = "--minhash-tables", description = "MinHash tables for near-duplicate candidates (default: ${DEFAULT-VALUE}).")
  public int minhashTables = 5;

  @Option(names = "--drop-syndicated",
      description = "Count only the earliest copy of a near-duplicate group, also across outlets (default: each outlet's earliest copy counts for that outlet).")
  public boolean dropSyndicated = false;
}
