package org.framelens.cli;

import java.util.List;
import org.framelens.terms.TermsOptions;
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
  StageSet stageSet() {
    StageSet s = new StageSet();
    s.analysis = analysis;
    s.terms = terms;
    return s;
  }

  @Override
  List<String> stages(StageSet set) {
    return List.of("terms");
  }
}
