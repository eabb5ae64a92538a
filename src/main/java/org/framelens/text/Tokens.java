package org.framelens.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/** Text to sentences of tokens, with one analyzer per JVM and settings (Lucene analyzers are thread-safe). */
public final class Tokens {
  private Tokens() {}

  private static final Map<String, Analyzer> ANALYZERS = new ConcurrentHashMap<>();

  static Analyzer analyzer(String stem, boolean keepAccents, boolean splitHyphens, Set<String> stopWords) {
    String key = stem + '|' + keepAccents + '|' + splitHyphens + '|' + stopWords.hashCode();
    return ANALYZERS.computeIfAbsent(key, k -> {
      AnalysisOptions o = new AnalysisOptions();
      o.stem = AnalysisOptions.Stemmer.valueOf(stem);
      o.keepAccents = keepAccents;
      o.splitHyphens = splitHyphens;
      return new FramelensAnalyzer(o, new CharArraySet(stopWords, false));
    });
  }

  /** Sentences (in document order) of normalised tokens; paragraphs as {@link Segmenter#paragraphs} defines them. */
  public static List<List<String>> sentences(Analyzer analyzer, String text) {
    List<List<String>> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String paragraph : Segmenter.paragraphs(text)) {
      int[] bounds = Segmenter.sentenceBounds(paragraph);
      List<List<String>> local = new ArrayList<>(bounds.length);
      for (int i = 0; i + 1 < bounds.length; i++) {
        local.add(new ArrayList<>());
      }
      try (TokenStream ts = analyzer.tokenStream("text", paragraph)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
        ts.reset();
        int s = 0;
        while (ts.incrementToken()) {
          while (s + 2 < bounds.length && offset.startOffset() >= bounds[s + 1]) {
            s++;
          }
          local.get(s).add(term.toString());
        }
        ts.end();
      } catch (IOException e) {
        throw new UncheckedIOException(e);   // a StringReader does not throw
      }
      for (List<String> sentence : local) {
        if (!sentence.isEmpty()) {
          out.add(sentence);
        }
      }
    }
    return out;
  }
}
