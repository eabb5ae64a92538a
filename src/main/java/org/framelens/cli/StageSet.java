package org.framelens.cli;

import java.util.ArrayList;
import java.util.List;
import org.framelens.corpus.IngestOptions;
import org.framelens.corpus.IngestStage;
import org.framelens.entities.EntitiesStage;
import org.framelens.entities.EntityOptions;
import org.framelens.events.EventOptions;
import org.framelens.events.EventsStage;
import org.framelens.groups.GroupOptions;
import org.framelens.kwic.KwicOptions;
import org.framelens.kwic.KwicStage;
import org.framelens.pipeline.Stage;
import org.framelens.quotes.QuoteOptions;
import org.framelens.quotes.QuotesStage;
import org.framelens.report.ReportStage;
import org.framelens.terms.DistinctiveStage;
import org.framelens.terms.KeynessOptions;
import org.framelens.terms.TermsOptions;
import org.framelens.terms.TermsStage;
import org.framelens.text.AnalysisOptions;
import org.framelens.topics.TopicOptions;
import org.framelens.topics.TopicsStage;

/**
 * Every stage framelens has, in pipeline order, each built with its own options: a command sets the option objects it
 * parsed and the others keep their defaults (the pipeline needs every stage to know who produces what, and what a
 * partial rerun makes stale). Adding a stage is one line here and its own package.
 */
public class StageSet {
  public IngestOptions ingest = new IngestOptions();
  /** Shared by ingest (token counts) and terms, which must analyze text the same way. */
  public AnalysisOptions analysis = new AnalysisOptions();
  public TermsOptions terms = new TermsOptions();
  /** The grouping keyness compares (a stage comparing groups later reads it too). */
  public GroupOptions groups = new GroupOptions();
  public KeynessOptions keyness = new KeynessOptions();
  public TopicOptions topics = new TopicOptions();
  public EntityOptions entities = new EntityOptions();
  public EventOptions events = new EventOptions();
  public QuoteOptions quotes = new QuoteOptions();
  public KwicOptions kwic = new KwicOptions();

  /** Stages that run only when their own command asks (a concordance needs its terms), never under `run`. */
  public static final java.util.Set<String> ON_DEMAND = java.util.Set.of("kwic");

  /** The stages, built anew from the options as they stand; the last is the report. */
  public List<Stage> all() {
    List<Stage> analyses = List.of(new IngestStage(ingest, analysis), new TermsStage(analysis, terms),
        new DistinctiveStage(groups, keyness), new TopicsStage(topics), new EntitiesStage(entities, analysis),
        new QuotesStage(quotes), new EventsStage(events, groups, analysis), new KwicStage(kwic));
    List<Stage> all = new ArrayList<>(analyses);
    all.add(new ReportStage(analyses));
    return List.copyOf(all);
  }

  /** The report stage of a list built by {@link #all}. */
  public static ReportStage report(List<Stage> all) {
    return (ReportStage) all.get(all.size() - 1);
  }

  /** Everything the stages write, in pipeline order. */
  public List<org.framelens.output.OutputSpec> outputs() {
    return all().stream().flatMap(s -> s.provides().stream()).toList();
  }

  /**
   * The stages' contracts as a Markdown table: what each requires and provides and the option groups it reads (the
   * block of docs/architecture.md between its markers, which a test keeps equal to this).
   */
  public String markdown() {
    StringBuilder md = new StringBuilder("| stage | requires | provides | options |\n|---|---|---|---|\n");
    for (Stage s : all()) {
      md.append("| ").append(s.name()).append(" | ").append(names(s.requires()))
          .append(s.uses().isEmpty() ? "" : "; when there: " + names(s.uses())).append(" | ")
          .append(names(s.provides())).append(" | ")
          .append(s.settings().isEmpty() ? "-" : String.join(", ", new java.util.TreeSet<>(s.settings().keySet())))
          .append(" |\n");
    }
    return md.toString();
  }

  private static String names(List<org.framelens.output.OutputSpec> outputs) {
    return outputs.isEmpty() ? "-" : String.join(", ", outputs.stream()
        .map(o -> "`" + o.name() + (o instanceof org.framelens.output.FolderSpec ? "/" : "") + "`").toList());
  }

  /**
   * {@code names} without the stages in {@code skipped} and without those that require what only a left-out stage
   * of the list writes (--skip entities leaves quotes out too); a stage that merely uses such an output stays.
   */
  public List<String> without(List<String> names, java.util.Collection<String> skipped) {
    java.util.Set<String> out = new java.util.HashSet<>(skipped);
    java.util.Set<String> missing = new java.util.HashSet<>();
    List<String> left = new ArrayList<>();
    for (Stage s : all()) {
      if (!names.contains(s.name())) {
        continue;
      }
      boolean needsMissing = s.requires().stream().anyMatch(r -> missing.contains(r.name()));
      if (out.contains(s.name()) || needsMissing) {
        out.add(s.name());
        s.provides().forEach(p -> missing.add(p.name()));
      } else {
        left.add(s.name());
      }
    }
    return List.copyOf(left);
  }

  public List<String> names() {
    return all().stream().map(Stage::name).toList();
  }
}
