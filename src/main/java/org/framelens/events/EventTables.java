package org.framelens.events;

import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;
import org.framelens.output.Column;
import org.framelens.output.TableSpec;

/**
 * The tables of the events stage. Bump a table's version whenever a column is added, removed, renamed or changes
 * meaning; docs/tables.md is generated from these specs (a test fails when they differ).
 */
public final class EventTables {
  private EventTables() {}

  /** event_terms' event_id for the scores pooled over every event a group shares with another. */
  public static final String POOLED = "ALL";

  public static final TableSpec EVENTS = new TableSpec("events", 1,
      "One row per event: counted documents that report the same event, grouped by average-linkage clustering of their similarity (see docs/events.md); documents matched with no other are in no event.",
      List.of(
          new Column("event_id", StringType, false, "Stable id: ev_ and the first 16 hex digits of the SHA-256 of the event's smallest doc_id."),
          new Column("label", StringType, false, "The title of the event's centre (the document most similar on average to the others), or its top terms when it has no title."),
          new Column("first_published", DateType, true, "Earliest publication date of its documents; null when none is dated."),
          new Column("last_published", DateType, true, "Latest publication date."),
          new Column("documents", IntegerType, false, "Documents in the event."),
          new Column("undated", IntegerType, false, "Of which without a date (matched under --event-undated-similarity)."),
          new Column("outlets", IntegerType, false, "Distinct outlets among them."),
          new Column("outlet_names", createArrayType(StringType, true), false, "Those outlets, alphabetical."),
          new Column("cohesion", DoubleType, false, "Mean cosine similarity over all pairs of its documents (at least --event-similarity; pairs never proposed by blocking count 0)."),
          new Column("top_terms", createArrayType(StringType, true), false, "Its 10 terms with the largest summed tf-idf over its documents."),
          new Column("top_entities", createArrayType(StringType, true), false, "Its 5 most-mentioned entities (canonical names); empty without the entities stage.")));

  public static final TableSpec EVENT_DOCUMENTS = new TableSpec("event_documents", 1,
      "Which documents make up each event.",
      List.of(
          new Column("event_id", StringType, false, "Event."),
          new Column("doc_id", StringType, false, "Document; each one is in at most one event."),
          new Column("outlet", StringType, false, "The document's outlet."),
          new Column("published", DateType, true, "Its publication date."),
          new Column("similarity", DoubleType, false, "Cosine similarity of its vector to the vector of the event's centre (1 for the centre)."),
          new Column("is_centre", BooleanType, false, "True for the event's centre.")));

  public static final TableSpec EVENT_COVERAGE = new TableSpec("event_coverage", 1,
      "Who reported each event, and how soon: one row per event and group that has at least one of its documents (a group with no row did not report it).",
      List.of(
          new Column("group_by", StringType, false, "The document column that defines groups (--group-by)."),
          new Column("event_id", StringType, false, "Event."),
          new Column("grp", StringType, false, "The group."),
          new Column("documents", IntegerType, false, "The group's documents in the event."),
          new Column("first_published", DateType, true, "The group's first report; null when all of them are undated."),
          new Column("lag_days", IntegerType, true, "Days from the event's first report (any group) to the group's first report; 0 = among the first."),
          new Column("event_groups", IntegerType, false, "Groups that reported the event.")));

  public static final TableSpec EVENT_TERMS = new TableSpec("event_terms", 2,
      "Framing within the same events: the log-odds with informative Dirichlet prior of each term (and entity, and label given to an entity) of a group against the other groups' documents about the same events, pooled over the events the group shares with another group (event_id ALL), and within each event (its top --event-top-terms per group). See docs/events.md for the pooling and the prior.",
      List.of(
          new Column("group_by", StringType, false, "The document column that defines groups (--group-by)."),
          new Column("event_id", StringType, false, "An event, or ALL for the scores pooled over events."),
          new Column("target", StringType, false, "The group whose features are scored."),
          new Column("kind", StringType, false, "term (a unigram or phrase of doc_terms), entity (an entity_id of mentions: how often the group names it) or descriptor (a label the group gives an entity: how often its mentions carry it)."),
          new Column("term", StringType, false, "The term; the entity_id; or, for a descriptor, entity_id|label (per:dina_boluarte|coup president)."),
          new Column("n", IntegerType, false, "Words in the term (its own multinomial, as in distinctive_terms); 1 for an entity or a descriptor."),
          new Column("count", LongType, false, "Occurrences in the target's documents of the event(s) (only features it uses are listed)."),
          new Column("count_rest", LongType, false, "Occurrences in the other groups' documents of the same event(s)."),
          new Column("log_odds", DoubleType, false, "Log-odds ratio, target against the others on the same events, with an informative Dirichlet prior: positive = the target uses it more; 0 for a term that is all of the corpus's terms of its kind and n."),
          new Column("z", DoubleType, false, "log_odds divided by its estimated standard deviation."),
          new Column("events", IntegerType, false, "Events behind the score: those the target shares with another group (1 for one event's score)."),
          new Column("term_events", IntegerType, false, "Of those, the events in which the target or the others use the feature."),
          new Column("rank", IntegerType, false, "1 = most distinctive (largest z) for the target in this scope, over all kinds and n.")));

  public static final TableSpec ATTENTION = new TableSpec("attention", 1,
      "Attention over time, per group and period (--period): documents, events covered, each topic's share and the most-named entities' shares. Dated counted documents only (the undated are counted in the manifest).",
      List.of(
          new Column("group_by", StringType, false, "The document column that defines groups (--group-by)."),
          new Column("grp", StringType, false, "The group."),
          new Column("period", StringType, false, "2022-12-28 (day), 2022-W52 (ISO week) or 2022-12 (month)."),
          new Column("period_start", DateType, false, "First day of the period (the Monday of an ISO week)."),
          new Column("measure", StringType, false, "documents (value = the group's dated documents), events (value = distinct events with one of them), topic (value = mean p(topic | document) over them, for the model with k topics: a group-period's k values sum to 1) or entity (value = the entity's share of the group's resolved mentions in the period)."),
          new Column("k", IntegerType, true, "The topic model's k, for topic rows."),
          new Column("item", StringType, true, "The topic number or the entity_id; null for documents and events."),
          new Column("value", DoubleType, false, "As the measure says."),
          new Column("documents", IntegerType, false, "The group's dated documents in the period (behind the value).")));
}
