package org.framelens.cli;

import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.framelens.corpus.IngestOptions;
import org.framelens.entities.EntityOptions;
import org.framelens.events.EventOptions;
import org.framelens.quotes.QuoteOptions;
import org.framelens.groups.GroupOptions;
import org.framelens.pipeline.Stage;
import org.framelens.pipeline.SummaryOnly;
import org.framelens.terms.KeynessOptions;
import org.framelens.terms.TermsOptions;
import org.framelens.text.AnalysisOptions;
import org.framelens.topics.TopicOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run every stage in order (ingest, terms, distinctive, topics, entities, quotes, events, report) and print a summary. A stage whose analysis is undefined for the corpus (one outlet, three documents) is skipped with its reason, unless one of its own options was given.")
final class RunCommand extends PipelineCommand {
  @Mixin IngestOptions ingest;
  @Mixin AnalysisOptions analysis;
  @Mixin TermsOptions terms;
  @Mixin GroupOptions groups;
  @Mixin KeynessOptions keyness;
  @Mixin TopicOptions topics;
  @Mixin EntityOptions entities;
  @Mixin QuoteOptions quotes;
  @Mixin EventOptions events;
  @Spec CommandSpec spec;

  @Option(names = "--skip", paramLabel = "STAGE", split = ",",
      description = "Stages to leave out, e.g. --skip entities (without CoreNLP's models, or to save its time); a stage another needs cannot be skipped, nor the report.")
  List<String> skip = List.of();

  @Override
  String name() {
    return "run";
  }

  @Override
  StageSet stageSet() {
    StageSet s = new StageSet();
    s.ingest = ingest;
    s.analysis = analysis;
    s.terms = terms;
    s.groups = groups;
    s.keyness = keyness;
    s.topics = topics;
    s.entities = entities;
    s.quotes = quotes;
    s.events = events;
    return s;
  }

  @Override
  List<String> stages(StageSet set) {
    List<String> names = set.names().stream().filter(n -> !StageSet.ON_DEMAND.contains(n)).toList();
    for (String s : skip) {
      if (!names.contains(s) || s.equals("report")) {
        throw new IllegalArgumentException("--skip " + s + ": " + (s.equals("report") ? "the report is always written"
            : "no such stage") + " (stages: " + String.join(", ", names.subList(0, names.size() - 1)) + ")");
      }
    }
    List<String> left = set.without(names, skip);
    List<String> alsoLeft = names.stream().filter(n -> !left.contains(n) && !skip.contains(n)).toList();
    if (!alsoLeft.isEmpty()) {
      System.err.println("framelens: --skip " + String.join(",", skip) + " also leaves out " + String.join(", ", alsoLeft)
          + ", which read" + (alsoLeft.size() == 1 ? "s" : "") + " what it writes");
    }
    return left;
  }

  /**
   * A stage is asked for explicitly when an option it reads was given on the command line, other than one that only
   * shapes the summary ({@link SummaryOnly}).
   */
  @Override
  Set<String> explicit(StageSet set, List<Stage> run) {
    Map<Object, Boolean> given = new IdentityHashMap<>();
    for (CommandSpec mixin : spec.mixins().values()) {
      boolean matched = mixin.options().stream()
          .filter(o -> !(o.userObject() instanceof java.lang.reflect.Field f && f.isAnnotationPresent(SummaryOnly.class)))
          .anyMatch(o -> spec.commandLine().getParseResult().hasMatchedOption(o.longestName()));
      given.merge(mixin.userObject(), matched, Boolean::logicalOr);
    }
    Set<String> explicit = new LinkedHashSet<>();
    for (Stage s : run) {
      if (s.settings().values().stream().anyMatch(o -> given.getOrDefault(o, false))) {
        explicit.add(s.name());
      }
    }
    return explicit;
  }
}
