package org.framelens.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.framelens.corpus.IngestStage;
import org.framelens.entities.EntitiesStage;
import org.framelens.pipeline.Pipeline;
import org.framelens.pipeline.Settings;
import org.framelens.pipeline.Stage;
import org.framelens.report.Summary;
import org.framelens.terms.DistinctiveStage;
import org.framelens.terms.TermsStage;
import org.framelens.topics.TopicsStage;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A subcommand that runs some stages of the pipeline over one output folder, then prints the summary. */
abstract class PipelineCommand implements Callable<Integer> {

  /** Every stage, in pipeline order. */
  static List<Stage> allStages() {
    return List.of(new IngestStage(), new TermsStage(), new DistinctiveStage(), new TopicsStage(),
        new EntitiesStage());
  }

  @Mixin
  SparkOptions spark;

  @Option(names = "--output", paramLabel = "DIR", required = true,
      description = "Output folder (local, hdfs:// or s3a://); tables are replaced only when the whole run succeeds.")
  String output;

  abstract String name();

  abstract List<Stage> stages();

  abstract Settings settings();

  @Override
  public Integer call() {
    Settings settings = settings();
    settings.output = output;
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();   // embedded callers keep theirs
    SparkSession session = spark.session();
    try {
      Pipeline.Result result = new Pipeline(stages(), allStages()).run(session, settings, name());
      System.out.println();
      System.out.print(Summary.write(session, result, settings.keyness.top, settings.entities));
      return 0;
    } finally {
      if (ownSession) {
        session.stop();
      }
    }
  }
}
