package org.framelens.cli;

import java.util.List;
import org.framelens.topics.TopicOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "topics", mixinStandardHelpOptions = true, sortOptions = false,
    description = "From doc_terms in --output: topic models (one per --k), or a saved model applied with --topic-model; writes topic_models, topic_terms, doc_topics, outlet_topics, topic_quality and models/.")
final class TopicsCommand extends PipelineCommand {
  @Mixin TopicOptions topics;

  @Override
  String name() {
    return "topics";
  }

  @Override
  StageSet stageSet() {
    StageSet s = new StageSet();
    s.topics = topics;
    return s;
  }

  @Override
  List<String> stages(StageSet set) {
    return List.of("topics");
  }
}
