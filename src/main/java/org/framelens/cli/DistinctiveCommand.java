package org.framelens.cli;

import java.util.List;
import org.framelens.groups.GroupOptions;
import org.framelens.terms.KeynessOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "distinctive", mixinStandardHelpOptions = true, sortOptions = false,
    description = "From the term tables in --output: distinctive_terms for each group (--group-by) against the others, or --compare A --against B.")
final class DistinctiveCommand extends PipelineCommand {
  @Mixin GroupOptions groups;
  @Mixin KeynessOptions keyness;

  @Override
  String name() {
    return "distinctive";
  }

  @Override
  StageSet stageSet() {
    StageSet s = new StageSet();
    s.groups = groups;
    s.keyness = keyness;
    return s;
  }

  @Override
  List<String> stages(StageSet set) {
    return List.of("distinctive");
  }
}
