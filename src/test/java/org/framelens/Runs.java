package org.framelens;

import org.framelens.corpus.IngestStage;
import org.framelens.entities.EntitiesStage;
import org.framelens.pipeline.Pipeline;
import org.framelens.pipeline.Settings;
import org.framelens.terms.DistinctiveStage;
import org.framelens.terms.TermsStage;
import java.util.List;

/** Runs the pipeline in the shared test session, as `framelens run` would. */
public final class Runs {
  private Runs() {}

  public static Pipeline.Result all(Settings s) {
    List<org.framelens.pipeline.Stage> stages = List.of(new IngestStage(), new TermsStage(), new DistinctiveStage(), new EntitiesStage());
    return new Pipeline(stages, stages).run(TestSpark.get(), s, "run");
  }

  public static Pipeline.Result ingestOnly(Settings s) {
    List<org.framelens.pipeline.Stage> all = List.of(new IngestStage(), new TermsStage(), new DistinctiveStage(), new EntitiesStage());
    return new Pipeline(List.of(all.get(0)), all).run(TestSpark.get(), s, "ingest");
  }

  public static Settings settings(String input, String output) {
    Settings s = new Settings();
    s.ingest.input = input;
    s.output = output;
    return s;
  }
}
