package org.framelens.text;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Word analysis for one sentence: Lucene's UAX#29 tokenizer and a chain of Lucene filters. Stop words are kept in
 * the stream (phrases such as "state of emergency" need them) and only protected from the stemmer; the terms stage
 * decides what counts as a term.
 */
public final class FramelensAnalyzer extends Analyzer {

  /** UAX#29 keeps "_" inside a word (ExtendNumLet), so a hyphen mapped to it holds the compound together. */
  private static final char JOINER = '_';
  private static final String CURLY_APOSTROPHES = "\u2018\u2019\u02bc";

  private final AnalysisOptions options;
  private final CharArraySet protectedWords;

  public FramelensAnalyzer(AnalysisOptions options, CharArraySet stopWords) {
    this.options = options;
    this.protectedWords = stopWords;
  }

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return options.splitHyphens ? reader : new StringReader(joinCompounds(readAll(reader)));
  }

  /**
   * A hyphen (ASCII, U+2010, U+2011) between two letters becomes the joiner: "vice-president", "de-facto". Written
   * as a character loop, not Lucene's PatternReplaceCharFilter, which doubled the cost of analysis; the mapping is one
   * character for one, so token offsets stay those of the original text.
   */
  static String joinCompounds(String text) {
    char[] c = null;
    for (int i = 1; i + 1 < text.length(); i++) {
      char h = text.charAt(i);
      if ((h == '-' || h == '\u2010' || h == '\u2011') && Character.isLetter(text.charAt(i - 1))
          && Character.isLetter(text.charAt(i + 1))) {
        if (c == null) {
          c = text.toCharArray();
        }
        c[i] = JOINER;
      }
    }
    return c == null ? text : new String(c);
  }

  private static String readAll(Reader reader) {
    try {
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[4096];
      for (int n; (n = reader.read(buf)) != -1; ) {
        sb.append(buf, 0, n);
      }
      return sb.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer source = new StandardTokenizer();
    TokenStream ts = new EnglishPossessiveFilter(source);   // Castillo's / Castillo’s -> Castillo
    ts = new CharReplaceFilter(ts, CURLY_APOSTROPHES, '\''); // don’t -> don't, as in the stop list
    ts = new LowerCaseFilter(ts);
    if (!options.keepAccents) {
      ts = new ASCIIFoldingFilter(ts);                      // José -> jose, Córdova -> cordova
    }
    if (!options.splitHyphens) {
      ts = new CharReplaceFilter(ts, String.valueOf(JOINER), '-');
    }
    if (options.stem != AnalysisOptions.Stemmer.none) {
      ts = new SetKeywordMarkerFilter(ts, protectedWords); // "was" stays a stop word, not "wa"
      ts = options.stem == AnalysisOptions.Stemmer.porter ? new PorterStemFilter(ts) : new EnglishMinimalStemFilter(ts);
    }
    return new TokenStreamComponents(source, ts);
  }
}
