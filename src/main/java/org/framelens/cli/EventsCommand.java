package org.framelens.cli;

import java.util.List;
import org.framelens.events.EventOptions;
import org.framelens.groups.GroupOptions;
import org.framelens.text.AnalysisOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "events", mixinStandardHelpOptions = true, sortOptions = false,
    description = "From the documents and term tables in --output (and the entities and topics when there): the same events across outlets (events, event_documents), who reported them (event_coverage), framing within them (event_terms) and attention over time (attention).")
final class EventsCommand extends PipelineCommand {
  @Mixin EventOptions events;
  @Mixin GroupOptions groups;
  @Mixin AnalysisOptions analysis;

  @Override
  String name() {
    return "events";
  }

  @Override
  StageSet stageSet() {
    StageSet s = new StageSet();
    s.events = events;
    s.groups = groups;
    s.analysis = analysis;
    return s;
  }

  @Override
  List<String> stages(StageSet set) {
    return List.of("events");
  }
}
