package org.framelens.terms;

import java.io.Serializable;
import org.framelens.pipeline.SummaryOnly;
import picocli.CommandLine.Option;

/** Which groups to compare (the grouping itself is {@link org.framelens.groups.GroupOptions}), and the prior of the log-odds estimate. */
public class KeynessOptions implements Serializable {

  @Option(names = "--compare", paramLabel = "GROUP", description = "Compare only this group ...")
  public String compare;

  @Option(names = "--against", paramLabel = "GROUP", description = "... against this one, instead of every group against all others.")
  public String against;

  @Option(names = "--prior-size",
      description = "alpha_0 of the Dirichlet prior, spread over terms in proportion to their corpus frequency; 0 = the corpus's own size for each n, as in Monroe et al. (default: ${DEFAULT-VALUE}).")
  public double priorSize = 0;

  @SummaryOnly
  @Option(names = "--top", description = "Distinctive terms per group shown in the summary and report (default: ${DEFAULT-VALUE}).")
  public int top = 10;
}
