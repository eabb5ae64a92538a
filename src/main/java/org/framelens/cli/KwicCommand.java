package org.framelens.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.framelens.corpus.CorpusTables;
import org.framelens.kwic.Concordance;
import org.framelens.kwic.Kwic;
import org.framelens.kwic.KwicOptions;
import org.framelens.kwic.KwicStage;
import org.framelens.kwic.KwicTables;
import org.framelens.output.OutputStore;
import org.framelens.pipeline.FramelensException;
import org.framelens.pipeline.Pipeline;
import org.framelens.terms.TermTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Prints a concordance from the folder's committed tables (a read-only job: nothing in the folder changes), or with
 * --save also writes it as the kwic table through the pipeline, committed like every other table.
 */
@Command(name = "kwic", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Keyword in context: every sentence of the counted documents in --output where a term occurs, found as doc_terms counts it (the folder's own analysis settings), printed with its outlet, date and title.")
final class KwicCommand implements Callable<Integer> {
  @Mixin SparkOptions spark;
  @Mixin KwicOptions kwic;

  @Option(names = "--output", paramLabel = "DIR", required = true, description = "An output folder that holds documents and doc_terms.")
  String output;

  @Override
  public Integer call() {
    StageSet set = new StageSet();
    set.kwic = kwic;
    List<org.framelens.pipeline.Stage> all = set.all();
    List<org.framelens.pipeline.Stage> run = all.stream()
        .filter(s -> s.name().equals("kwic") || kwic.save && s.name().equals("report")).toList();
    Pipeline pipeline = new Pipeline(run, all, java.util.Set.of("kwic"));
    pipeline.validate(spark.hadoop(), output);   // the terms are analyzed against the folder's settings here
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession session = spark.session(output + "/documents");
    try {
      OutputStore store = new OutputStore(session, output, OutputStore.newRunId());
      for (var spec : List.of(CorpusTables.DOCUMENTS, TermTables.DOC_TERMS)) {
        if (!store.isCommitted(spec)) {
          throw new FramelensException(output + " holds no " + spec.name() + " table: run 'framelens run' (or ingest and terms) first");
        }
      }
      var manifest = store.previousManifest();
      Concordance c = KwicStage.concordance(kwic, manifest, session.sparkContext().hadoopConfiguration());
      Dataset<Row> lines;
      if (kwic.save) {
        pipeline.run(session, output, "kwic");
        lines = store.readCommitted(KwicTables.KWIC);
      } else {
        lines = Kwic.lines(store.readCommitted(CorpusTables.DOCUMENTS), c, manifest, kwic.outlet, kwic.groupBy, kwic.window)
            .persist(StorageLevel.MEMORY_AND_DISK());
      }
      System.out.print(Kwic.show(lines, store.readCommitted(TermTables.DOC_TERMS), c, kwic));
      return 0;
    } finally {
      if (ownSession) {
        session.stop();
      }
    }
  }
}
