package org.framelens.cli;

import java.util.List;
import org.framelens.quotes.QuoteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "quotes", mixinStandardHelpOptions = true, sortOptions = false,
    description = "From the documents and the entities stage's mentions in --output: quotations and their speakers (quotes), whose voice each outlet carries (speaker_outlets) and how it attributes it (reporting_verbs).")
final class QuotesCommand extends PipelineCommand {
  @Mixin QuoteOptions quotes;

  @Override
  String name() {
    return "quotes";
  }

  @Override
  StageSet stageSet() {
    StageSet s = new StageSet();
    s.quotes = quotes;
    return s;
  }

  @Override
  List<String> stages(StageSet set) {
    return List.of("quotes");
  }
}
