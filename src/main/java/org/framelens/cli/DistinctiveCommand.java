package org.framelens.cli;

import java.util.List;
import org.framelens.pipeline.Settings;
import org.framelens.pipeline.Stage;
import org.framelens.terms.DistinctiveStage;
import org.framelens.terms.KeynessOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "distinctive", mixinStandardHelpOptions = true, sortOptions = false,
    description = "From the term tables in --output: distinctive_terms for each group (--group-by) against the others, or --compare A --against B.")
final class DistinctiveCommand extends PipelineCommand {
  @Mixin KeynessOptions keyness;

  @Override
  String name() {
    return "distinctive";
  }

  @Override
  List<Stage> stages() {
    return List.of(new DistinctiveStage());
  }

  @Override
  Settings settings() {
    Settings s = new Settings();
    s.keyness = keyness;
    return s;
  }
}
