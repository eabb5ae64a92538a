package org.framelens;

import org.framelens.corpus.IngestStage;
import org.framelens.entities.EntitiesStage;
import org.framelens.pipeline.Pipeline;
import org.framelens.pipeline.Settings;
import org.framelens.terms.DistinctiveStage;
import org.framelens.terms.TermsStage;
import org.framelens.topics.TopicsStage;
import java.util.List;
import org.framelens.pipeline.Stage;

/** Runs the pipeline in the shared test session, as `framelens run` would. */
public final class Runs {
  private Runs() {}

  /** Every stage, in pipeline order, as `framelens run` has them. */
  public static List<Stage> stages() {
    return List.of(new IngestStage(), new TermsStage(), new DistinctiveStage(), new TopicsStage(),
        new EntitiesStage());
  }

  public static Pipeline.Result all(Settings s) {
    return new Pipeline(stages(), stages()).run(TestSpark.get(), s, "run");
  }

  /** Every stage but one (a slow one a test does not need). */
  public static Pipeline.Result allBut(String skipped, Settings s) {
    List<Stage> some = stages().stream().filter(x -> !x.name().equals(skipped)).toList();
    return new Pipeline(some, some).run(TestSpark.get(), s, "run");
  }

  public static Pipeline.Result ingestOnly(Settings s) {
    return only("ingest", s);
  }

  /** One stage over the tables already in the output folder, as its subcommand runs it. */
  public static Pipeline.Result only(String stage, Settings s) {
    List<Stage> one = stages().stream().filter(x -> x.name().equals(stage)).toList();
    return new Pipeline(one, stages()).run(TestSpark.get(), s, stage);
  }

  public static Settings settings(String input, String output) {
    Settings s = new Settings();
    s.ingest.input = input;
    s.output = output;
    s.topics.iterations = 100;   // the default 1000 sweeps are for real corpora; test corpora have a few documents
    return s;
  }
}
