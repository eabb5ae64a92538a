package org.framelens.quotes;

import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;
import org.framelens.output.Column;
import org.framelens.output.TableSpec;

/**
 * The tables of the quotes stage. Bump a table's version whenever a column is added, removed, renamed or changes
 * meaning; docs/tables.md is generated from these specs (a test fails when they differ).
 */
public final class QuoteTables {
  private QuoteTables() {}

  public static final TableSpec QUOTES = new TableSpec("quotes", 1,
      "One row per quotation in a counted document: direct quotes in any quotation-mark style (a quote running over several paragraphs is one row), partial quotes woven into the writer's sentence, and indirect speech after a reporting verb; with its speaker where one is recoverable (see docs/quotes.md). A quote with no recoverable speaker is kept, with a null speaker.",
      List.of(
          new Column("doc_id", StringType, false, "Document."),
          new Column("outlet", StringType, false, "The document's outlet."),
          new Column("paragraph", IntegerType, false, "Paragraph of the quote's first character, from 0 (as in mentions)."),
          new Column("sentence", IntegerType, false, "Sentence of the quote's first character, from 0 (the entities stage's numbering, as in mentions)."),
          new Column("start", IntegerType, false, "Offset of the quote's first character in documents.text, from 0, in UTF-16 code units like mentions.start (see there for other languages' string positions); for a direct or partial quote, its opening mark."),
          new Column("end", IntegerType, false, "Offset just after its last character (the closing mark of a direct or partial quote)."),
          new Column("text", StringType, false, "What is quoted, without the marks (for a multi-paragraph quote, the paragraphs' own opening marks removed; paragraphs joined by a blank line); for indirect speech, the reported clause."),
          new Column("kind", StringType, false, "direct (a quoted sentence or clause), partial (a quoted fragment inside the writer's sentence) or indirect (reported speech without marks: \"X said that ...\", \"according to X, ...\")."),
          new Column("verb", StringType, true, "The reporting verb that attributes the quote, as its lemma (say, claim, tell, according to, ...); null when none does."),
          new Column("speaker_surface", StringType, true, "The speaker as written: a name, a nominal (\"a protester\", \"police\") or a pronoun; null when no speaker is recoverable."),
          new Column("speaker_entity_id", StringType, true, "The entity the speaker is (see entities): the mention it is, or for a pronoun the person it stands for; null for a nominal, an unresolved name or no speaker."),
          new Column("speaker", StringType, true, "The speaker as the outlet tables count it: the entity's canonical name, else the speaker as written (a nominal lower-cased, without its determiner: \"police\", \"spokesman for the ministry\"); null when none or an unresolved pronoun."),
          new Column("resolution", StringType, false, "How the speaker was found: mention (an entity mention next to the reporting verb), pronoun (he, she: the person last named or quoted before it; they: the collective actor named just before), previous_quote (a quotation with no attribution that opens its sentence, continuing the quote before it, or that follows an attributed quotation of its own sentence; also \"the statement continued\"), descriptor (a definite noun phrase, \"the president\", given to the person last named with that label), name (a capitalised name the entities stage did not resolve), nominal (a noun phrase), none (no speaker)."),
          new Column("words", IntegerType, false, "Words in text (runs of letters or digits).")));

  public static final TableSpec SPEAKER_OUTLETS = new TableSpec("speaker_outlets", 2,
      "Whose voice each outlet carries: one row per outlet and speaker (quotes with no speaker are left out here, and counted in the run manifest).",
      List.of(
          new Column("outlet", StringType, false, "Outlet."),
          new Column("speaker", StringType, false, "The speaker, as quotes.speaker."),
          new Column("speaker_entity_id", StringType, true, "Its entity; null for a nominal or an unresolved name."),
          new Column("quotes", LongType, false, "The outlet's quotes of any kind by this speaker."),
          new Column("words", LongType, false, "Words in those quotes."),
          new Column("documents", LongType, false, "The outlet's documents that quote the speaker."),
          new Column("share_of_quotes", DoubleType, false, "quotes / the outlet's quotes that have a speaker."),
          new Column("share_of_words", DoubleType, false, "words / the words of the outlet's quotes that have a speaker."),
          new Column("other_outlets", LongType, false, "How many other outlets quote this speaker (same speaker value); 0: a voice only this outlet carries.")));

  public static final TableSpec REPORTING_VERBS = new TableSpec("reporting_verbs", 1,
      "How each outlet attributes each speaker's words (\"claimed\" against \"said\" is itself framing): one row per outlet, speaker and reporting verb.",
      List.of(
          new Column("outlet", StringType, false, "Outlet."),
          new Column("speaker", StringType, false, "The speaker, as quotes.speaker."),
          new Column("verb", StringType, false, "The reporting verb's lemma, as quotes.verb."),
          new Column("count", LongType, false, "The outlet's quotes of the speaker attributed with this verb.")));
}
