package org.framelens.entities;

import java.io.Serializable;
import org.framelens.pipeline.SummaryOnly;
import picocli.CommandLine.Option;

/** Settings of the entities stage. Public fields so that the run manifest records every value. */
public class EntityOptions implements Serializable {

  @Option(names = "--actors", paramLabel = "CSV",
      description = "Actor dictionary (local, hdfs:// or s3a://): header canonical_name,type,aliases; aliases separated by '|', 're:' before a Java regex. Applied before NER and wins where it matches.")
  public String actors;

  @Option(names = "--collective-actors", paramLabel = "FILE",
      description = "Collective-actor list replacing the bundled one (local, hdfs:// or s3a://): lines 'group: form form ...' and one 'modifiers: ...' line; see docs/tables.md (mentions.type GROUP).")
  public String collectiveActors;

  @Option(names = "--alias-dominance",
      description = "A bare surname with no full name in its document goes to the corpus's full name it most often stands for in other documents when that name has at least this share of the evidence; else it stays ambiguous (default: ${DEFAULT-VALUE}).")
  public double aliasDominance = 0.8;

  /** The co-occurrence windows, smallest first. */
  public enum Window { sentence, paragraph, document }

  @Option(names = "--graph-window", description = "Co-occurrence window of the graph files: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  public Window graphWindow = Window.sentence;

  @Option(names = "--graph-max-edges", description = "Edges per graph file, the most frequent pairs of its scope (default: ${DEFAULT-VALUE}); the cooccurrence table keeps every pair.")
  public int graphMaxEdges = 500;

  @SummaryOnly
  @Option(names = "--top-actors", description = "Most-named actors per outlet shown in the summary and report (default: ${DEFAULT-VALUE}).")
  public int topActors = 5;

  @SummaryOnly
  @Option(names = "--top-descriptors", description = "Descriptors shown per actor in the summary and report (default: ${DEFAULT-VALUE}).")
  public int topDescriptors = 3;
}
