package org.framelens.cli;

import java.util.List;
import org.framelens.entities.EntityOptions;
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
  StageSet stageSet() {
    StageSet s = new StageSet();
    s.entities = entities;
    return s;
  }

  @Override
  List<String> stages(StageSet set) {
    return List.of("entities");
  }
}
