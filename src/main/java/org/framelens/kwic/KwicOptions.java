package org.framelens.kwic;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Settings of a concordance; the analysis settings are not among them: they are the folder's doc_terms's. */
public class KwicOptions implements Serializable {

  @Option(names = "--term", paramLabel = "TERM", required = true,
      description = "A term as you would write it (\"coup regime\", \"Perú\"); it is analyzed as the folder's doc_terms was (case, accents, stemming). Repeat for several.")
  public List<String> terms = new ArrayList<>();

  @Option(names = "--outlet", paramLabel = "NAME", description = "Only this outlet's documents.")
  public String outlet;

  @Option(names = "--group-by", paramLabel = "COLUMN",
      description = "Lines per group of this documents column or input field (outlet, author, label, ...): --limit lines for each.")
  public String groupBy;

  @Option(names = "--window", description = "Characters of the sentence shown on each side of the term (default: ${DEFAULT-VALUE}).")
  public int window = 60;

  @Option(names = "--limit", description = "Lines per term (per term and group with --group-by), earliest documents first (default: ${DEFAULT-VALUE}).")
  public int limit = 20;

  @Option(names = "--save", description = "Also write every line (not only --limit) as the kwic table of the folder, committed like the other tables.")
  public boolean save;
}
