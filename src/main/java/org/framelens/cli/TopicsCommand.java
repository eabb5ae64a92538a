package org.framelens.cli;

import java.util.List;
import org.framelens.pipeline.Settings;
import org.framelens.pipeline.Stage;
import org.framelens.topics.TopicOptions;
import org.framelens.topics.TopicsStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "topics", mixinStandardHelpOptions = true, sortOptions = false,
    description = "From doc_terms in --output: topic models (one per --k), or a saved model applied with --topic-model; writes topic_models, topic_terms, doc_topics, outlet_topics, topic_quality.")
final class TopicsCommand extends PipelineCommand {
  @Mixin TopicOptions topics;

  @Override
  String name() {
    return "topics";
  }

  @Override
  List<Stage> stages() {
    return List.of(new TopicsStage());
  }

  @Override
  Settings settings() {
    Settings s = new Settings();
    s.topics = topics;
    return s;
  }
}
