package org.framelens.cli;

import java.util.List;
import org.framelens.corpus.IngestOptions;
import org.framelens.text.AnalysisOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Read and clean the corpus: writes documents and quarantine.")
final class IngestCommand extends PipelineCommand {
  @Mixin IngestOptions ingest;
  @Mixin AnalysisOptions analysis;

  @Override
  String name() {
    return "ingest";
  }

  @Override
  StageSet stageSet() {
    StageSet s = new StageSet();
    s.ingest = ingest;
    s.analysis = analysis;
    return s;
  }

  @Override
  List<String> stages(StageSet set) {
    return List.of("ingest");
  }
}
