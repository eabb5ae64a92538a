package org.framelens.quotes;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.QuoteAnnotator;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.framelens.entities.DocumentEntities;
import org.framelens.entities.Nlp;

/**
 * CoreNLP as the quotes stage runs it, once per JVM: the entities stage's tokenizer and sentence splitter (same
 * properties, so that sentences are numbered as in mentions) and the QuoteAnnotator, which pairs quotation marks of
 * every style, straight, curly, guillemets and single, across paragraphs too. Its attribution (which needs
 * coreference) is off: {@link QuoteFinder} attributes.
 */
final class QuoteNlp {
  private QuoteNlp() {}

  private record Loaded(StanfordCoreNLP split, QuoteAnnotator quotes) {}

  private static volatile Loaded loaded;

  private static Loaded loaded() {
    Loaded l = loaded;
    if (l == null) {
      synchronized (QuoteNlp.class) {
        l = loaded;
        if (l == null) {
          Properties split = Nlp.properties();
          split.setProperty("annotators", "tokenize,ssplit");
          Properties q = new Properties();
          q.setProperty("quote.attributeQuotes", "false");
          q.setProperty("quote.singleQuotes", "true");
          l = new Loaded(new StanfordCoreNLP(split), new QuoteAnnotator("quote", q, false));
          loaded = l;
        }
      }
    }
    return l;
  }

  /** Loads the tokenizer and the annotator and parses {@link Nlp#WARM_UP} once (see {@code Stage.preload}). */
  static void preload() {
    parse(Nlp.WARM_UP);
  }

  record Parsed(List<QuoteFinder.Tok> tokens, List<int[]> marked) {}

  static Parsed parse(String text) {
    Loaded l = loaded();
    Annotation a = new Annotation(text);
    l.split().annotate(a);
    List<QuoteFinder.Tok> toks = new ArrayList<>();
    List<CoreLabel> forQuotes = new ArrayList<>();
    int[] paragraphs = DocumentEntities.paragraphStarts(text);
    String neutral = forAnnotator(text, paragraphs);
    int sentence = -1;
    for (CoreMap s : a.get(CoreAnnotations.SentencesAnnotation.class)) {
      List<CoreLabel> tokens = s.get(CoreAnnotations.TokensAnnotation.class);
      if (sentence < 0 || tokens.isEmpty() || !continuesSentence(tokens.get(0).originalText())) {
        sentence++;
      }
      for (CoreLabel t : tokens) {
        toks.add(new QuoteFinder.Tok(t.beginPosition(), t.endPosition(), t.originalText(), sentence,
            s.get(CoreAnnotations.SentenceIndexAnnotation.class)));
        // The annotator reads the text back from the tokens: give it the text with apostrophes set apart.
        CoreLabel c = new CoreLabel(t);
        c.setOriginalText(neutral.substring(t.beginPosition(), t.endPosition()));
        forQuotes.add(c);
      }
    }
    List<int[]> marked = forQuotes.isEmpty() ? List.of()
        : paired(l.quotes(), text, paragraphs, tokenText(neutral, forQuotes), forQuotes, a.get(CoreAnnotations.SentencesAnnotation.class));
    return new Parsed(toks, marked);
  }

  /**
   * The quotations in marks, top level, in text order. The annotator pairs straight marks by alternation over the
   * whole text, so one stray or nested mark ("... once called a "gold standard," ...") shifts every pairing after it;
   * a pairing that runs across paragraphs against the news convention ({@link QuoteFinder#continuesByConvention})
   * shows it. That pairing is kept (QuoteFinder rejects and counts it), and the marks are paired again from the
   * paragraph after the one it opens in, the text before it blanked (same length, so offsets hold). Written by
   * hand around the annotator, which has no notion of paragraphs.
   */
  static List<int[]> paired(QuoteAnnotator annotator, String text, int[] paragraphs, String free, List<CoreLabel> tokens,
      List<CoreMap> sentences) {
    List<int[]> out = new ArrayList<>();
    int from = 0;
    String t = free;
    while (true) {
      int restart = -1;
      for (CoreMap m : quotations(annotator, t, tokens, sentences)) {
        int begin = m.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
        int end = m.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
        if (begin < from) {
          continue;
        }
        out.add(new int[] {begin, end});
        if (!QuoteFinder.continuesByConvention(text, paragraphs, begin, end)) {
          restart = DocumentEntities.paragraph(paragraphs, begin) + 1 < paragraphs.length
              ? paragraphs[DocumentEntities.paragraph(paragraphs, begin) + 1] : -1;
          break;
        }
      }
      if (restart < 0) {
        return out;
      }
      from = restart;
      char[] c = free.toCharArray();
      blank(c, 0, from);
      t = new String(c);
    }
  }

  /**
   * The top-level quotations, as {@code QuoteAnnotator.annotate} finds them with attribution off: the same two public
   * calls on the same text. Called directly because annotate first rebuilds the text from the tokens by string
   * concatenation, quadratic in the document's length (half the stage's CPU time on AllSides articles).
   */
  static List<CoreMap> quotations(QuoteAnnotator annotator, String text, List<CoreLabel> tokens, List<CoreMap> sentences) {
    return QuoteAnnotator.getCoreMapQuotes(annotator.getQuotes(text).first(), tokens, sentences, text, null, false);
  }

  /**
   * The text as {@code QuoteAnnotator.xmlFreeText} rebuilds it from the tokens, in linear time: each token's text,
   * and every other character that is not whitespace (regex \S, ASCII whitespace only) a space.
   */
  static String tokenText(String text, List<CoreLabel> tokens) {
    char[] c = text.toCharArray();
    int at = 0;
    for (CoreLabel t : tokens) {
      blank(c, at, t.beginPosition());
      String original = t.originalText();
      original.getChars(0, original.length(), c, t.beginPosition());
      at = t.beginPosition() + original.length();
    }
    blank(c, at, c.length);
    return new String(c);
  }

  private static void blank(char[] c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (" \t\n\u000B\f\r".indexOf(c[i]) < 0) {
        c[i] = ' ';
      }
    }
  }

  /**
   * Whether a sentence that the splitter starts with this token continues the one before: a comma or a lower-case
   * word follows a split that was not one, as after "(R-Tenn.)", whose full stop ends the abbreviation.
   */
  static boolean continuesSentence(String first) {
    if (first.equals(",") || first.equals(";") || first.equals(")")) {
      return true;
    }
    int c = first.codePointAt(0);
    return Character.isLetter(c) && Character.isLowerCase(c);
  }

  /** The text as the annotator reads it: apostrophes set apart, mixed marks paired, reopening marks joined. */
  static String forAnnotator(String text, int[] paragraphs) {
    return reopeningMarksJoined(mixedMarksPaired(apostrophesNeutral(text)), paragraphs);
  }

  /**
   * The text with the curly opening mark that reopens a quotation at the start of each of its later paragraphs (the
   * news convention: no closing mark until the last paragraph) replaced by a space, same length. The annotator
   * counts curly marks as nesting, so "&ldquo;A.\n\n&ldquo;B,&rdquo; she said" would stay open and the first
   * paragraphs would be lost; straight marks it already reads so. Written by hand, as a normalisation before it.
   */
  static String reopeningMarksJoined(String text, int[] paragraphs) {
    char[] c = text.toCharArray();
    boolean open = false;
    int next = 1;
    for (int i = 0; i < c.length; i++) {
      if (next < paragraphs.length && i == paragraphs[next]) {
        next++;
        int j = i;
        while (j < c.length && (c[j] == ' ' || c[j] == '\t')) {
          j++;
        }
        if (open && j < c.length && c[j] == '\u201c') {
          c[j] = ' ';   // the quotation goes on
          i = j;
          continue;
        }
        open = false;   // a mark left open at a paragraph's end that the next does not reopen: a stray one
      }
      if (c[i] == '\u201c') {
        open = true;
      } else if (c[i] == '\u201d') {
        open = false;
      }
    }
    return new String(c);
  }

  /**
   * The text with a straight double mark that pairs with a curly one of the same line written as its curly
   * counterpart (same length, so offsets hold): <code>&ldquo;... status quo," Labrador said</code> and
   * <code>"...&rdquo;</code>, as copy edited from several sources writes them. The QuoteAnnotator pairs only marks of one
   * style, and would read the straight mark as opening a quotation that never closes. Written by hand, as a
   * normalisation before the annotator. A straight mark is changed only where no curly mark of its line closes the
   * open one (<code>&ldquo;He said "no" to me&rdquo;</code> stays: a pair inside), or where it is the next mark
   * before a closing curly one.
   */
  static String mixedMarksPaired(String text) {
    char[] c = text.toCharArray();
    boolean open = false;   // a curly opening mark of this line has not been closed yet
    for (int i = 0; i < c.length; i++) {
      switch (c[i]) {
        case '\n' -> open = false;
        case '\u201c' -> open = true;
        case '\u201d' -> open = false;
        case '"' -> {
          if (open && nextMark(c, i + 1, true) != '\u201d') {
            c[i] = '\u201d';
            open = false;
          } else if (!open && nextMark(c, i + 1, false) == '\u201d') {
            c[i] = '\u201c';
            open = true;
          }
        }
        default -> { }
      }
    }
    return new String(c);
  }

  /** The next double quotation mark on the line from {@code from} (a curly one only, if asked), or 0. */
  private static char nextMark(char[] c, int from, boolean curlyOnly) {
    for (int j = from; j < c.length && c[j] != '\n'; j++) {
      if (c[j] == '"' && !curlyOnly || c[j] == '\u201c' || c[j] == '\u201d') {
        return c[j];
      }
    }
    return 0;
  }

  /**
   * The text with every apostrophe that cannot be a quotation mark replaced by U+02BC (same length, so offsets
   * hold): inside a word (Peru's, don't), before a digit ('90s), and in "'n'". Written by hand: the QuoteAnnotator's
   * single-quote rules take "'90s were worse. Rock 'n'" for a quotation.
   */
  static String apostrophesNeutral(String text) {
    char[] c = text.toCharArray();
    for (int i = 0; i < c.length; i++) {
      if (c[i] != '\'' && c[i] != '\u2019') {
        continue;
      }
      boolean letterBefore = i > 0 && Character.isLetterOrDigit(c[i - 1]);
      boolean letterAfter = i + 1 < c.length && Character.isLetterOrDigit(c[i + 1]);
      boolean digitAfter = i + 1 < c.length && Character.isDigit(c[i + 1]);
      boolean rockNRoll = i + 2 < c.length && (c[i + 1] == 'n' || c[i + 1] == 'N') && (c[i + 2] == '\'' || c[i + 2] == '\u2019')
          && (i == 0 || c[i - 1] == ' ');
      if ((letterBefore && letterAfter) || digitAfter) {
        c[i] = '\u02bc';
      } else if (rockNRoll) {
        c[i] = '\u02bc';
        c[i + 2] = '\u02bc';
      }
    }
    return new String(c);
  }
}
