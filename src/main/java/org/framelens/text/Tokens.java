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

  /** The analyzer for these settings, as the terms stage builds it (one per JVM and settings). */
  public static Analyzer analyzer(AnalysisOptions o, Set<String> stopWords) {
    return analyzer(o.stem.name(), o.keepAccents, o.splitHyphens, stopWords);
  }

  /** Sentences (in document order) of normalised tokens; paragraphs as {@link Segmenter#paragraphs} defines them. */
  public static List<List<String>> sentences(Analyzer analyzer, String text) {
    List<List<String>> out = new ArrayList<>();
    for (Located s : located(analyzer, text)) {
      out.add(s.tokens());
    }
    return out;
  }

  /**
   * One sentence as the analyzer saw it: its paragraph (as {@link Segmenter#paragraphs} gives it), its number in the
   * document, its bounds in the paragraph, and each token with its offsets in the paragraph.
   */
  public record Located(int paragraphIndex, String paragraph, int sentence, int start, int end, List<String> tokens,
      int[] starts, int[] ends) {}

  /** The sentences that hold at least one token, numbered from 0 in document order. */
  public static List<Located> located(Analyzer analyzer, String text) {
    List<Located> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    List<String> paragraphs = Segmenter.paragraphs(text);
    for (int p = 0; p < paragraphs.size(); p++) {
      String paragraph = paragraphs.get(p);
      int[] bounds = Segmenter.sentenceBounds(paragraph);
      int n = Math.max(0, bounds.length - 1);
      List<List<String>> tokens = new ArrayList<>(n);
      List<int[]> offsets = new ArrayList<>(n);   // start, end pairs, flattened
      int[] used = new int[n];
      for (int i = 0; i < n; i++) {
        tokens.add(new ArrayList<>());
        offsets.add(new int[16]);
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
          tokens.get(s).add(term.toString());
          int[] o = offsets.get(s);
          if (used[s] + 2 > o.length) {
            o = java.util.Arrays.copyOf(o, o.length * 2);
            offsets.set(s, o);
          }
          o[used[s]++] = offset.startOffset();
          o[used[s]++] = offset.endOffset();
        }
        ts.end();
      } catch (IOException e) {
        throw new UncheckedIOException(e);   // a StringReader does not throw
      }
      for (int i = 0; i < n; i++) {
        int k = tokens.get(i).size();
        if (k == 0) {
          continue;
        }
        int[] starts = new int[k];
        int[] ends = new int[k];
        for (int j = 0; j < k; j++) {
          starts[j] = offsets.get(i)[2 * j];
          ends[j] = offsets.get(i)[2 * j + 1];
        }
        out.add(new Located(p, paragraph, out.size(), bounds[i], bounds[i + 1], tokens.get(i), starts, ends));
      }
    }
    return out;
  }
}
