package org.framelens.corpus;

import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.framelens.output.Column;
import org.framelens.output.TableSpec;

/**
 * The tables of the ingest stage. Bump a table's version whenever a column is added, removed, renamed or changes meaning;
 * docs/tables.md is generated from these specs (a test fails when they differ).
 */
public final class CorpusTables {
  private CorpusTables() {}

  public static final TableSpec DOCUMENTS = new TableSpec("documents", 2,
      "One row per input record that became a document (copies included, marked). Version 2 adds the near-duplicate columns, and duplicate_of follows the copy policy of docs/text-analysis.md: across outlets each outlet's copy of a text now counts for that outlet (version 1 counted only one copy in the whole corpus).",
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
          new Column("near_duplicate_group", StringType, true,
              "The doc_id of the earliest document (dated before undated, then smallest doc_id) of this document's group of exact and near copies: the connected components of the pairs whose word shingles (--shingle-words, 5) have a Jaccard similarity of at least --near-duplicate-jaccard (0.8), found by MinHashLSH, with exact copies always together; null when the document has no copy."),
          new Column("near_duplicate_jaccard", DoubleType, true,
              "Jaccard similarity of this document's shingle set to the group's earliest document's: 1 for that document and its exact copies; it can be below the threshold for a copy joined through another copy (a component); null outside a group, or for a text too short for one shingle that is an exact copy of none of the earliest's."),
          new Column("near_duplicate_outlets", DataTypes.createArrayType(StringType, true), true,
              "The outlets of the group's documents, sorted; null outside a group."),
          new Column("syndicated", BooleanType, false,
              "True when the document's group holds documents of more than one outlet (a wire story or a shared text); every copy is marked, the earliest too."),
          new Column("duplicate_of", StringType, true,
              "For a copy that is not counted, the doc_id of the copy that is: within an outlet only its earliest copy of a group counts; across outlets each outlet's earliest copy counts for that outlet; with --drop-syndicated only the group's earliest counts. Null for counted documents. Uncounted copies are left out of every term count, topic, entity and event."),
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

  public static final TableSpec NEAR_DUPLICATES = new TableSpec("near_duplicates", 1,
      "One row per group of exact and near copies (see documents.near_duplicate_group): who ran the text first, who ran it after, and how many copies count.",
      List.of(
          new Column("group_id", StringType, false, "The doc_id of the group's earliest document (documents.near_duplicate_group)."),
          new Column("first_outlet", StringType, false, "That document's outlet."),
          new Column("first_published", DateType, true, "Its publication date; null when no document of the group is dated."),
          new Column("last_published", DateType, true, "The latest publication date in the group."),
          new Column("documents", LongType, false, "Documents in the group (at least 2)."),
          new Column("distinct_texts", LongType, false, "Distinct texts among them (1 when every copy is exact)."),
          new Column("counted", LongType, false, "Documents of the group that count (duplicate_of null): one per outlet, or one with --drop-syndicated."),
          new Column("outlets", DataTypes.createArrayType(StringType, true), false, "The group's outlets, sorted."),
          new Column("n_outlets", IntegerType, false, "Their number: more than 1 for a syndicated text."),
          new Column("min_jaccard", DoubleType, true,
              "The lowest near_duplicate_jaccard in the group (null when no member has a shingle set); below the threshold only through a chain of copies.")));

  public static final TableSpec REMOVED_TEXT = new TableSpec("removed_text", 1,
      "What cleaning removed from the lines of the cleaned records (duplicates included), by outlet and kind, so that a researcher can check it: one row per outlet, kind and recorded text. Kept kinds (--keep-markers, --keep-templates, --keep-template) have no rows. Lines removed whole as boilerplate (in --boilerplate-share of an outlet's documents) are counted in documents.boilerplate_lines instead; recurring lines removed as templates are rows here.",
      List.of(
          new Column("outlet", StringType, false, "Outlet, as in documents."),
          new Column("kind", StringType, false,
              "url (a link: scheme or www., or a host with a path such as pic.twitter.com/..., t.co/...), email (an e-mail address), handle (@ and a name, not inside an address), embed (a marker scrapers leave for an embedded post, e.g. embedtweet), card (a name card a page inserts after a name, the full name and the headlines after it: recorded as the full name), signature (an embedded post's signature line, a dash, the author's name, the handle in brackets and the date: recorded as the handle), label (words in capitals, perhaps a bracket, that open a line before a colon or a dash: a transcript's speaker, an update, a dateline; as written), direction (a transcript's stage direction, a bracket in capitals where a sentence or line starts: \"(LAUGHTER)\"; as written), zone (a clock time's time zone: \"ET\" of \"8:30 a.m. ET\"), template (a sequence the outlet's pages repeat, set apart from the sentences around it; a run of --template-verbatim-words words the outlet repeats word for word; a whole line of --template-line-words words or more found in --template-min-docs of its differently titled documents; or what one document repeats in a template's slot, such as a photo gallery's title; see docs/cleaning.md), credit (the names, agencies or dates beside a removed template, up to a sentence boundary: a photo credit, the reporters of a contributed-to-this-report line; or a Name/Agency photo credit standing apart), byline (a first or last line of names: \"Doug Stanglin\"; --keep-bylines)."),
          new Column("text", StringType, false,
              "What was removed, recorded as: the link's host without www. (pic.twitter.com), the address's domain, the handle or marker lower-cased (@policiaperu), a template's or credit's words as written, punctuation aside, each word holding a digit as # (Hide Caption # of # Photos)."),
          new Column("documents", LongType, false, "Records of the outlet it was removed from."),
          new Column("occurrences", LongType, false, "Times it was removed from them.")));
}
