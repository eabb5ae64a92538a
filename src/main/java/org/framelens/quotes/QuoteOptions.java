package org.framelens.quotes;

import java.io.Serializable;
import org.framelens.pipeline.SummaryOnly;
import picocli.CommandLine.Option;

/** Settings of the quotes stage. Public fields so that the run manifest records every value. */
public class QuoteOptions implements Serializable {

  @Option(names = "--reporting-verbs", paramLabel = "FILE",
      description = "Reporting-verb list replacing the bundled one (local, hdfs:// or s3a://): lines 'lemma: form form ...', '| marked' after a verb that only attributes quotations in marks; see docs/quotes.md.")
  public String reportingVerbs;

  @Option(names = "--speaker-nouns", paramLabel = "FILE",
      description = "Nouns that head a nominal speaker of indirect speech (\"officials said that ...\"), one a line, replacing the bundled list.")
  public String speakerNouns;

  @SummaryOnly
  @Option(names = "--top-speakers", description = "Most-quoted speakers per outlet shown in the summary and report (default: ${DEFAULT-VALUE}).")
  public int topSpeakers = 5;
}
