package org.framelens.entities;

import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.framelens.output.Column;
import org.framelens.output.TableSpec;

/**
 * The tables of the entities stage. Bump a table's version whenever a column is added, removed, renamed or changes meaning;
 * docs/tables.md is generated from these specs (a test fails when they differ).
 */
public final class EntityTables {
  private EntityTables() {}

  public static final TableSpec MENTIONS = new TableSpec("mentions", 4,
      "One row per entity mention (person, organisation, place, collective actor) in the documents that are not duplicates: the actor dictionary's matches, CoreNLP's CRF 3-class NER spans (pronouns excluded), and where neither is, the collective actors of --collective-actors (\"protesters\", \"Republican lawmakers\").",
      List.of(
          new Column("doc_id", StringType, false, "Document."),
          new Column("outlet", StringType, false, "The document's outlet."),
          new Column("sentence", IntegerType, false, "Sentence number in the document, from 0 (CoreNLP's sentence splitter; a blank line always ends a sentence)."),
          new Column("paragraph", IntegerType, false, "Paragraph number in the document, from 0 (paragraphs are separated by blank lines in documents.text)."),
          new Column("start", IntegerType, false, "Offset of the mention's first character in documents.text, from 0, in UTF-16 code units, as Java and JavaScript index strings. Python, R, DuckDB and Spark SQL count code points instead, which differ after a character beyond U+FFFF (an emoji: 2 or 3 AllSides texts in 1,000 have one); in Python text.encode('utf-16-le')[2 * start:2 * end].decode('utf-16-le') is the mention."),
          new Column("end", IntegerType, false, "Offset just after the mention's last character."),
          new Column("surface", StringType, false, "The mention as written, titles included when the tagger took them in (\"Gen. Williams\")."),
          new Column("type", StringType, false, "PERSON, ORGANIZATION, LOCATION or GROUP (a collective actor named by a common noun: protesters, police, the military, Republicans, lawmakers): the entity's type (the dictionary's, else the type most of the entity's mentions were tagged with); for an ambiguous mention, as tagged."),
          new Column("entity_id", StringType, true, "The entity (see entities); null when the mention is ambiguous."),
          new Column("resolution", StringType, false, "How the mention was resolved: dictionary (an actor dictionary name or pattern), exact (a full name as written), title_stripped (a full name once titles such as President, Gen., Mr. are removed), document_alias (a short form of the one longer name the document uses for a person: Castillo -> Pedro Castillo; of several, the one it ends, Rubio -> Marco Rubio beside the tagger's \"Rubio Doctrine\", with a name written with and without middle initials counted once; also a lone surname the tagger mislabelled as organisation or place), corpus_alias (a lone surname with no full name in its document, given to the full name it stands for in other documents; see --alias-dominance), corpus_variant (a full name written with middle initials, given to the same name without them where the corpus also writes that form and no other initialled name shrinks to it: Joseph R. Biden -> Joseph Biden, while George W. Bush and George H. W. Bush stay apart), ambiguous (a short form of several names, in the document or the corpus: no entity), collective (a form of the collective-actor list, with the party and nationality adjectives before it: \"Peruvian police\")."),
          new Column("descriptors", DataTypes.createArrayType(StringType, true), false, "The labels this mention carries, as the descriptors table counts them (titles and modifiers before the name, appositives), lower-cased; empty for most mentions, and always for places.")));

  public static final TableSpec ENTITIES = new TableSpec("entities", 2,
      "One row per entity: the variants of one name across the corpus, under one id.",
      List.of(
          new Column("entity_id", StringType, false, "Stable id from the type and the normalised full name (accents and case folded, titles, periods, square brackets, double quotation marks and possessive removed, spaces as _): per:pedro_castillo, org:cia, loc:lima, grp:republican_lawmakers. The same name gives the same id in every run and corpus."),
          new Column("canonical_name", StringType, false, "The dictionary's canonical name, else the full form the corpus writes most often (ties: alphabetical)."),
          new Column("type", StringType, false, "PERSON, ORGANIZATION, LOCATION or GROUP (a collective actor)."),
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
}
