package org.framelens.cli;

import java.util.List;
import org.framelens.pipeline.Settings;
import org.framelens.pipeline.Stage;
import org.framelens.terms.TermsOptions;
import org.framelens.terms.TermsStage;
import org.framelens.text.AnalysisOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "terms", mixinStandardHelpOptions = true, sortOptions = false,
    description = "From the documents in --output: phrases, doc_terms and outlet_terms.")
final class TermsCommand extends PipelineCommand {
  @Mixin AnalysisOptions analysis;
  @Mixin TermsOptions terms;

  @Override
  String name() {
    return "terms";
  }

  @Override
  List<Stage> stages() {
    return List.of(new TermsStage());
  }

  @Override
  Settings settings() {
    Settings s = new Settings();
    s.analysis = analysis;
    s.terms = terms;
    return s;
  }
}
