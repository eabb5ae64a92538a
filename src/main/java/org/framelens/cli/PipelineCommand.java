package org.framelens.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.framelens.pipeline.Pipeline;
import org.framelens.pipeline.Stage;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A subcommand that runs some stages of the pipeline over one output folder, then the report over everything the
 * folder holds, and prints the summary.
 */
abstract class PipelineCommand implements Callable<Integer> {

  @Mixin
  SparkOptions spark;

  @Option(names = "--output", paramLabel = "DIR", required = true,
      description = "Output folder (local, hdfs:// or s3a://); tables are replaced only when the whole run succeeds, and only those framelens wrote.")
  String output;

  abstract String name();

  /** Every stage, with this command's options set. */
  abstract StageSet stageSet();

  /** The stages this command asks for, by name (the report is added). */
  abstract List<String> stages(StageSet set);

  /** Stages asked for explicitly, which fail rather than being skipped: by default every one this command names. */
  Set<String> explicit(StageSet set, List<Stage> run) {
    return new LinkedHashSet<>(stages(set));
  }

  @Override
  public Integer call() {
    StageSet set = stageSet();
    List<String> names = new java.util.ArrayList<>(stages(set));
    if (!names.contains("report")) {
      names.add("report");
    }
    List<Stage> all = set.all();
    List<Stage> run = all.stream().filter(s -> names.contains(s.name())).toList();
    Set<String> explicit = explicit(set, run);
    Pipeline pipeline = new Pipeline(run, all, explicit);
    pipeline.validate(spark.hadoop(), output);   // before Spark starts: a bad option fails in a second or two
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();   // embedded callers keep theirs
    // Sized by what the run reads: the input when it ingests, otherwise the documents already in the folder.
    SparkSession session = spark.session(set.ingest.input != null ? set.ingest.input : output + "/documents", pipeline::preload);
    try {
      pipeline.run(session, output, name());
      System.out.println();
      System.out.print(StageSet.report(all).screen());
      return 0;
    } finally {
      if (ownSession) {
        session.stop();
      }
    }
  }
}
