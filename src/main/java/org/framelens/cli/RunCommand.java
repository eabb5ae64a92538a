package org.framelens.cli;

import java.util.List;
import org.framelens.corpus.IngestOptions;
import org.framelens.entities.EntityOptions;
import org.framelens.pipeline.Settings;
import org.framelens.pipeline.Stage;
import org.framelens.terms.KeynessOptions;
import org.framelens.terms.TermsOptions;
import org.framelens.text.AnalysisOptions;
import org.framelens.topics.TopicOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run every stage in order (ingest, terms, distinctive, topics, entities) and print a summary.")
final class RunCommand extends PipelineCommand {
  @Mixin IngestOptions ingest;
  @Mixin AnalysisOptions analysis;
  @Mixin TermsOptions terms;
  @Mixin KeynessOptions keyness;
  @Mixin TopicOptions topics;
  @Mixin EntityOptions entities;

  @Option(names = "--skip", paramLabel = "STAGE", split = ",",
      description = "Stages to leave out, e.g. --skip entities (without CoreNLP's models, or to save its time); a stage another needs cannot be skipped.")
  List<String> skip = List.of();

  @Override
  String name() {
    return "run";
  }

  @Override
  List<Stage> stages() {
    List<String> names = allStages().stream().map(Stage::name).toList();
    for (String s : skip) {
      if (!names.contains(s)) {
        throw new IllegalArgumentException("--skip " + s + ": no such stage (stages: " + String.join(", ", names) + ")");
      }
    }
    return allStages().stream().filter(st -> !skip.contains(st.name())).toList();
  }

  @Override
  Settings settings() {
    Settings s = new Settings();
    s.ingest = ingest;
    s.analysis = analysis;
    s.terms = terms;
    s.keyness = keyness;
    s.topics = topics;
    s.entities = entities;
    return s;
  }
}
