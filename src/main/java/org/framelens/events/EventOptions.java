package org.framelens.events;

import java.io.Serializable;
import org.framelens.pipeline.SummaryOnly;
import picocli.CommandLine.Option;

/**
 * Settings of the events stage. Every default was chosen from measurements on the development half of BASIL, alone
 * and among 2,000 AllSides distractors (docs/events.md gives the figures); every value is recorded in the manifest.
 */
public class EventOptions implements Serializable {

  public enum Period { day, week, month }

  @Option(names = "--event-window-days",
      description = "Two dated documents can report the same event only when published at most this many days apart (default: ${DEFAULT-VALUE}).")
  public int windowDays = 3;

  @Option(names = "--event-similarity",
      description = "Average-linkage threshold: two groups of documents merge into one event while the mean cosine similarity over all their pairs is at least this (default: ${DEFAULT-VALUE}).")
  public double similarity = 0.15;

  @Option(names = "--event-undated-similarity",
      description = "A document without a date joins another only through pairs at least this similar (default: ${DEFAULT-VALUE}); undated documents are matched with every date.")
  public double undatedSimilarity = 0.3;

  @Option(names = "--event-title-weight",
      description = "Weight of the title's terms in a document's vector, the text's terms weighing 1 (default: ${DEFAULT-VALUE}).")
  public double titleWeight = 0.5;

  @Option(names = "--event-entity-weight",
      description = "Weight of the named entities (when the entities stage ran), the text's terms weighing 1 (default: ${DEFAULT-VALUE}).")
  public double entityWeight = 0.5;

  @Option(names = "--event-key-terms",
      description = "Blocking: two documents are compared only when they share one of their this many heaviest features (default: ${DEFAULT-VALUE}).")
  public int keyTerms = 30;

  @Option(names = "--event-block-max",
      description = "Blocking: a feature held as a key by more documents than this within one time block is too common to propose pairs (default: ${DEFAULT-VALUE}); the pairs it would add are counted.")
  public int blockMax = 400;

  @Option(names = "--event-component-max",
      description = "Grouping: a connected component of more documents than this is split at its weakest pairs before average linkage, which runs in one task per component (default: ${DEFAULT-VALUE}); the components split are counted.")
  public int componentMax = 25000;

  @Option(names = "--event-min-documents",
      description = "Documents an event needs to be listed (default: ${DEFAULT-VALUE}); documents matched with no other are in no event.")
  public int minDocuments = 2;

  @Option(names = "--event-top-terms",
      description = "Distinctive terms kept per event and group in event_terms (default: ${DEFAULT-VALUE}); the scores pooled over events keep every term.")
  public int topTerms = 10;

  @Option(names = "--period", description = "Period of the attention table: ${COMPLETION-CANDIDATES}; week = ISO week (default: ${DEFAULT-VALUE}).")
  public Period period = Period.week;

  @Option(names = "--attention-entities",
      description = "Most-named entities of the corpus whose share of each group's mentions the attention table follows per period (default: ${DEFAULT-VALUE}).")
  public int attentionEntities = 20;

  @SummaryOnly
  @Option(names = "--top-events", description = "Largest events shown in the summary and report (default: ${DEFAULT-VALUE}).")
  public int topEvents = 5;
}
