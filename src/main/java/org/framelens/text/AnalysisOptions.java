package org.framelens.text;

import java.io.Serializable;
import picocli.CommandLine.Option;

/** Tokenization settings; recorded in the run manifest and carried by {@link TextAnalyzer}'s params. */
public class AnalysisOptions implements Serializable {

  public enum Stemmer { none, porter, minimal }

  @Option(names = "--stem", description = "none|porter|minimal (Lucene's Porter stemmer, or its minimal English plural stemmer); default: ${DEFAULT-VALUE}.")
  public Stemmer stem = Stemmer.none;

  @Option(names = "--keep-accents", description = "Keep accents (José) instead of folding them (jose).")
  public boolean keepAccents = false;

  @Option(names = "--keep-numbers", description = "Count tokens without letters (2022, 27) as terms.")
  public boolean keepNumbers = false;

  @Option(names = "--split-hyphens", description = "Split hyphenated compounds (vice-president -> vice, president) instead of keeping them whole.")
  public boolean splitHyphens = false;

  @Option(names = "--stopwords", paramLabel = "FILE",
      description = "Extra stop words, one a line, added to Spark ML's English list (see docs/text-analysis.md).")
  public String stopwordsFile;

  @Option(names = "--keep-self-references",
      description = "Count an outlet's names for itself (\"Fox News\", \"foxnews.com\" in Fox News's articles) as terms and entity mentions of its own documents; by default they are masked (see docs/cleaning.md).")
  public boolean keepSelfReferences = false;
}
