package org.framelens.cli;

import java.util.List;
import org.framelens.entities.EntitiesStage;
import org.framelens.entities.EntityOptions;
import org.framelens.pipeline.Settings;
import org.framelens.pipeline.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "entities", mixinStandardHelpOptions = true, sortOptions = false,
    description = "From the documents in --output: named entities (mentions, entities, entity_outlets, descriptors, cooccurrence) and graphs/.")
final class EntitiesCommand extends PipelineCommand {
  @Mixin EntityOptions entities;

  @Override
  String name() {
    return "entities";
  }

  @Override
  List<Stage> stages() {
    return List.of(new EntitiesStage());
  }

  @Override
  Settings settings() {
    Settings s = new Settings();
    s.entities = entities;
    return s;
  }
}
