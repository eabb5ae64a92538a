package org.framelens.terms;

import java.io.Serializable;
import picocli.CommandLine.Option;

/** Phrase detection and counting settings. */
public class TermsOptions implements Serializable {

  @Option(names = "--max-ngram", description = "Longest phrase, in words: 1 (no phrases), 2 or 3 (default: ${DEFAULT-VALUE}).")
  public int maxNgram = 3;

  @Option(names = "--phrase-min-count", description = "A phrase must occur at least this often in the corpus (default: ${DEFAULT-VALUE}).")
  public int phraseMinCount = 3;

  @Option(names = "--phrase-min-npmi", description = "... and reach this normalised PMI (default: ${DEFAULT-VALUE}).")
  public double phraseMinNpmi = 0.35;

  @Option(names = "--max-phrases", description = "Keep at most this many phrases, the most frequent first (default: ${DEFAULT-VALUE}); bounds the model the executors receive.")
  public int maxPhrases = 200_000;
}
