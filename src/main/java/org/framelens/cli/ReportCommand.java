package org.framelens.cli;

import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Write report.md anew from the outputs in --output (and print the summary), without running any other stage.")
final class ReportCommand extends PipelineCommand {

  @Override
  String name() {
    return "report";
  }

  @Override
  StageSet stageSet() {
    return new StageSet();
  }

  @Override
  List<String> stages(StageSet set) {
    return List.of("report");
  }
}
