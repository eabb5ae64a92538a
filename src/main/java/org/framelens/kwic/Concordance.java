package org.framelens.kwic;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.framelens.terms.ContentTokens;
import org.framelens.text.AnalysisOptions;
import org.framelens.text.Tokens;

/**
 * Finds terms in text as the terms stage counts them: the text is analyzed with the settings that made doc_terms
 * (case, accents, stemming, hyphens, stop words), and a term of n words occurs where n consecutive tokens of one
 * sentence spell it and the first is a content token, which is exactly where {@code PhraseModel} counts one (so a
 * term counted 7 times in a document gives 7 lines). Each hit keeps its sentence and its offsets in the paragraph,
 * for the line shown. Written by hand: Lucene's highlighters match query terms, not framelens's phrase counting.
 */
public final class Concordance implements Serializable {
  private final AnalysisOptions analysis;
  private final TreeSet<String> stopWords;
  private final ContentTokens content;
  private final List<List<String>> terms = new ArrayList<>();
  private final List<String> given = new ArrayList<>();

  /**
   * One occurrence: the term (as given and as analyzed), its paragraph and sentence numbers, its offsets in the paragraph, and the
   * line: the match with at most {@code window} characters of its sentence on either side.
   */
  public record Hit(String term, String analyzed, int paragraph, int sentence, int start, int end, String left, String match,
      String right) {}

  /**
   * @param terms the terms as the user writes them ("coup regime", "Perú"): each is analyzed like the text
   * @throws IllegalArgumentException for a term that the terms stage never counts (no token, several sentences, or a
   *     stop word or a number first), naming it and why
   */
  public Concordance(AnalysisOptions analysis, Set<String> stopWords, List<String> terms) {
    this(analysis, stopWords, terms, false);
  }

  /** For terms as doc_terms writes them (a table's terms: "coup regim"), which are not analyzed again. */
  public static Concordance ofAnalyzed(AnalysisOptions analysis, Set<String> stopWords, List<String> terms) {
    return new Concordance(analysis, stopWords, terms, true);
  }

  private Concordance(AnalysisOptions analysis, Set<String> stopWords, List<String> terms, boolean analyzed) {
    this.analysis = analysis;
    this.stopWords = new TreeSet<>(stopWords);
    this.content = new ContentTokens(this.stopWords, analysis.keepNumbers);
    for (String t : terms) {
      List<List<String>> s = analyzed ? List.of(List.of(t.split(" ")))
          : Tokens.sentences(Tokens.analyzer(analysis, this.stopWords), t);
      if (s.size() != 1) {
        throw new IllegalArgumentException("the term '" + t + "' " + (s.isEmpty() ? "has no word" : "spans several sentences")
            + " once analyzed: doc_terms never counts it");
      }
      List<String> tokens = s.get(0);
      if (!content.isContent(tokens.get(0))) {
        throw new IllegalArgumentException("the term '" + t + "' starts with '" + tokens.get(0) + "', a stop word or a "
            + "token without letters: doc_terms never counts it (see --stopwords and --keep-numbers)");
      }
      this.terms.add(List.copyOf(tokens));
      given.add(t);
    }
  }

  /** The terms as given. */
  public List<String> given() {
    return List.copyOf(given);
  }

  /** The terms as the analyzer writes them (the form doc_terms holds), in the order given. */
  public List<String> analyzed() {
    return terms.stream().map(t -> String.join(" ", t)).toList();
  }

  /** Every occurrence of the terms in the text, in text order, for each term in turn. */
  public List<Hit> find(String text, int window) {
    List<Hit> out = new ArrayList<>();
    List<Tokens.Located> sentences = Tokens.located(Tokens.analyzer(analysis, stopWords), text);
    for (int t = 0; t < terms.size(); t++) {
      List<String> term = terms.get(t);
      for (Tokens.Located s : sentences) {
        List<String> tokens = s.tokens();
        for (int i = 0; i + term.size() <= tokens.size(); i++) {
          if (matches(tokens, i, term) && content.isContent(tokens.get(i))) {
            int start = s.starts()[i];
            int end = s.ends()[i + term.size() - 1];
            String p = s.paragraph();
            int from = Math.max(s.start(), start - window);
            int to = Math.min(s.end(), end + window);
            String left = (from > s.start() ? "\u2026" : "") + p.substring(from, start).stripLeading();
            String right = p.substring(end, to).stripTrailing() + (to < s.end() ? "\u2026" : "");
            out.add(new Hit(given.get(t), String.join(" ", term), s.paragraphIndex(), s.sentence(), start, end, left, p.substring(start, end), right));
          }
        }
      }
    }
    return out;
  }

  private static boolean matches(List<String> tokens, int at, List<String> term) {
    for (int j = 0; j < term.size(); j++) {
      if (!tokens.get(at + j).equals(term.get(j))) {
        return false;
      }
    }
    return true;
  }
}
