package org.framelens.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.framelens.output.OutputSpec;

/**
 * One step of the pipeline, built by the command line with its own options. Like a CoreNLP annotator it declares
 * what it requires and provides (tables, folders, files), and the {@link Pipeline} refuses to start when a
 * requirement is neither produced earlier in the run nor standing, still valid, in the output folder. Before the
 * first stage of a run starts, the pipeline calls {@link #validate} on every stage of it, so that a bad option or a
 * bad side file fails in seconds, not after hours of the stages before.
 */
public interface Stage {
  String name();

  /** What this stage reads from earlier stages, with its options as given. */
  List<OutputSpec> requires();

  /**
   * What this stage reads when it is there (the entities for events), without needing it: a rerun of its producer
   * makes this stage's outputs stale, as for a requirement.
   */
  default List<OutputSpec> uses() {
    return List.of();
  }

  /** What this stage writes. */
  List<OutputSpec> provides();

  /**
   * The option objects this stage reads, by the name the run manifest records them under. Several stages may
   * share one object (the text analysis read by ingest and terms): it is recorded once.
   */
  Map<String, Object> settings();

  /**
   * Loads what this stage's tasks load once per JVM (CoreNLP's models) and runs it once on a made-up text, so that
   * its code is compiled too. Called by {@link Pipeline#preload} on a background thread; the tasks load whatever is
   * not loaded yet, so a stage does not rely on it.
   */
  default void preload() {}

  /** Checks that need no corpus: option values and ranges, side files (dictionaries, stop words). */
  default void validate(Validation v) {}

  /**
   * Does the work, writing through {@code ctx.out}. A stage whose analysis is undefined for this corpus (one
   * outlet, three documents) calls {@link RunContext#skip} before it writes anything.
   */
  void run(RunContext ctx) throws Exception;

  /** This stage's part of the summary and report, from its outputs as {@code ctx} holds them; empty without them. */
  default Optional<Section> report(RunContext ctx) {
    return Optional.empty();
  }
}
