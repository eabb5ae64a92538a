package org.framelens;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.framelens.cli.StageSet;
import org.framelens.pipeline.Pipeline;
import org.framelens.pipeline.Stage;

/**
 * Runs the pipeline in the shared test session, as `framelens run` and the stage subcommands would. Only {@link #all}
 * and {@link #allBut}, which stand for `framelens run`, end in the report stage; the others run just the stages they
 * name, so that a test of a stage's tables does not pay for the report's charts (a test that reads the report names
 * it).
 */
public final class Runs {
  private Runs() {}

  /** Every stage's options, and the output folder. */
  public static final class Settings extends StageSet {
    public String output;
  }

  /** Every stage, as `framelens run` runs them when none of their options was given. */
  public static Pipeline.Result all(Settings s) {
    return run(s, "run", runnable(s), Set.of());
  }

  /** Every stage but one (a slow one a test does not need) and those that need it, as `framelens run --skip STAGE`. */
  public static Pipeline.Result allBut(String skipped, Settings s) {
    return run(s, "run", s.without(runnable(s), List.of(skipped)), Set.of());
  }

  /** Ingest and terms, the tables most tests start from. */
  public static Pipeline.Result ingestAndTerms(Settings s) {
    return run(s, "run", List.of("ingest", "terms"), Set.of());
  }

  /** The stages up to and including {@code last}: what a test of {@code last} needs. */
  public static Pipeline.Result through(String last, Settings s) {
    List<String> names = runnable(s);
    return run(s, "run", names.subList(0, names.indexOf(last) + 1), Set.of());
  }

  /** These stages only, in pipeline order. */
  public static Pipeline.Result these(Settings s, String... stages) {
    return run(s, "run", List.of(stages), Set.of());
  }

  /** The stages `framelens run` runs: all but those only their own command runs (kwic). */
  private static List<String> runnable(Settings s) {
    return s.names().stream().filter(n -> !StageSet.ON_DEMAND.contains(n)).toList();
  }

  public static Pipeline.Result ingestOnly(Settings s) {
    return only("ingest", s);
  }

  /** One stage over the outputs already in the output folder, as its subcommand runs it (but for the report). */
  public static Pipeline.Result only(String stage, Settings s) {
    return run(s, stage, List.of(stage), Set.of(stage));
  }

  /** The named stages, in pipeline order; those in {@code explicit} fail where others would be skipped. */
  public static Pipeline.Result run(Settings s, String command, List<String> stages, Set<String> explicit) {
    List<Stage> all = s.all();
    List<Stage> some = all.stream().filter(x -> stages.contains(x.name())).toList();
    return new Pipeline(some, all, new LinkedHashSet<>(explicit)).run(TestSpark.get(), s.output, command);
  }

  public static Settings settings(String input, String output) {
    Settings s = new Settings();
    s.ingest.input = input;
    s.output = output;
    s.topics.iterations = 100;   // the default 1000 sweeps are for real corpora; test corpora have a few documents
    return s;
  }
}
