package org.framelens.cli;

import java.util.List;
import org.framelens.corpus.IngestOptions;
import org.framelens.corpus.IngestStage;
import org.framelens.pipeline.Settings;
import org.framelens.pipeline.Stage;
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
  List<Stage> stages() {
    return List.of(new IngestStage());
  }

  @Override
  Settings settings() {
    Settings s = new Settings();
    s.ingest = ingest;
    s.analysis = analysis;
    return s;
  }
}
