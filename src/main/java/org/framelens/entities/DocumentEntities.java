package org.framelens.entities;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.util.CoreMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One document's entity mentions: the actor dictionary's matches, then CoreNLP's PERSON, ORGANIZATION and LOCATION
 * spans where no actor matched, then the collective actors ({@link CollectiveActors}) where neither is; titles stripped from person names; short forms resolved to the full name the document
 * uses; descriptors attached. Pure Java over a CoreNLP annotation, so tests can check it without Spark.
 */
public final class DocumentEntities {
  private DocumentEntities() {}

  public static final String DICTIONARY = "dictionary";
  public static final String EXACT = "exact";
  public static final String TITLE_STRIPPED = "title_stripped";
  public static final String DOCUMENT_ALIAS = "document_alias";
  public static final String CORPUS_ALIAS = "corpus_alias";
  public static final String CORPUS_VARIANT = "corpus_variant";
  public static final String AMBIGUOUS = "ambiguous";
  public static final String COLLECTIVE = "collective";

  /**
   * A mention as the document alone resolves it. {@code key} is the normalised name as written (titles stripped);
   * {@code resolvedKey} the normalised full name it stands for (its own key when it is a full name, null when
   * ambiguous); {@code canonical} the dictionary's canonical name, or null.
   */
  public record Mention(int sentence, int paragraph, int start, int end, String surface, String type, String key,
      String display, int words, String resolvedKey, String resolution, String canonical, List<String> descriptors,
      String example) {}

  public record Result(int tokens, int sentences, int paragraphs, List<Mention> mentions) {}

  /**
   * The document's tokens as flat arrays (word, tag, NER label, character offsets, sentence). A sentence's tags are
   * null until {@link #tag} is called for it, if {@link Nlp#annotate} left them out.
   */
  static final class Tokens {
    final int n;
    final String[] word;
    final String[] tag;
    final String[] ner;
    final int[] begin;
    final int[] end;
    final int[] sentence;
    final int[] sentenceStart;   // first token of each sentence
    final int[] sentenceEnd;     // one past the last token of each sentence
    private final String[] folded;
    private final List<CoreMap> sentences;

    Tokens(Annotation doc) {
      sentences = doc.get(CoreAnnotations.SentencesAnnotation.class);
      int total = 0;
      for (CoreMap s : sentences) {
        total += s.get(CoreAnnotations.TokensAnnotation.class).size();
      }
      n = total;
      word = new String[n];
      tag = new String[n];
      ner = new String[n];
      begin = new int[n];
      end = new int[n];
      sentence = new int[n];
      folded = new String[n];
      sentenceStart = new int[sentences.size()];
      sentenceEnd = new int[sentences.size()];
      int i = 0;
      for (int s = 0; s < sentences.size(); s++) {
        sentenceStart[s] = i;
        for (CoreLabel t : sentences.get(s).get(CoreAnnotations.TokensAnnotation.class)) {
          word[i] = t.word();
          tag[i] = t.tag();
          ner[i] = t.ner();
          begin[i] = t.beginPosition();
          end[i] = t.endPosition();
          sentence[i] = s;
          i++;
        }
        sentenceEnd[s] = i;
      }
    }

    /** Gives the sentence its part-of-speech tags if it has none yet. */
    void tag(int s) {
      int from = sentenceStart[s];
      if (from == sentenceEnd[s] || tag[from] != null) {
        return;
      }
      List<CoreLabel> tokens = sentences.get(s).get(CoreAnnotations.TokensAnnotation.class);
      Nlp.tag(tokens);
      for (int k = 0; k < tokens.size(); k++) {
        tag[from + k] = tokens.get(k).tag();
      }
    }

    String folded(int i) {
      String f = folded[i];
      if (f == null) {
        f = folded[i] = Names.fold(word[i]);
      }
      return f;
    }
  }

  /** A span before resolution: tokens [start, end), the name proper starting at nameStart (after titles). */
  private static final class Span {
    final int start;
    final int nameStart;
    final int end;
    String type;
    final String key;
    final String display;
    final ActorDictionary.Actor actor;
    String resolvedKey;
    String resolution;

    Span(int start, int nameStart, int end, String type, String key, String display, ActorDictionary.Actor actor) {
      this.start = start;
      this.nameStart = nameStart;
      this.end = end;
      this.type = type;
      this.key = key;
      this.display = display;
      this.actor = actor;
    }
  }

  public static Result extract(String text, Annotation annotated, ActorMatcher dictionary, CollectiveActors collective) {
    Tokens t = new Tokens(annotated);
    int[] paragraphStarts = paragraphStarts(text);
    List<Span> spans = new ArrayList<>();
    boolean[] taken = new boolean[t.n];
    for (ActorMatcher.Span d : dictionary.match(text, t)) {
      ActorDictionary.Actor a = d.actor();
      String key = a.key();
      spans.add(new Span(d.start(), d.start(), d.end(), a.type(), key, clean(text, t, d.start(), d.end()), a));
      Arrays.fill(taken, d.start(), d.end(), true);
    }
    for (int i = 0; i < t.n; i++) {
      if (taken[i] || Names.TYPES.contains(t.ner[i])) {
        t.tag(t.sentence[i]);   // every rule after this point reads tags only in sentences holding a mention
      }
    }
    for (int i = 0; i < t.n; ) {
      String label = t.ner[i];
      if (!Names.TYPES.contains(label)) {
        i++;
        continue;
      }
      int j = i + 1;
      while (j < t.n && label.equals(t.ner[j]) && t.sentence[j] == t.sentence[i]) {
        j++;
      }
      addNerSpan(text, t, i, j, label, taken, spans);
      i = j;
    }
    // Groups where no name is: "National Police" stays the organisation CoreNLP found.
    boolean[] covered = taken.clone();
    for (Span s : spans) {
      Arrays.fill(covered, s.start, s.end, true);
    }
    for (CollectiveActors.Match m : collective.match(text, t, covered)) {
      t.tag(t.sentence[m.start()]);
      spans.add(new Span(m.start(), m.start(), m.end(), Names.GROUP, m.key(), m.display(), null));
    }
    spans.sort((a, b) -> Integer.compare(a.start, b.start));
    resolveInDocument(spans);

    int[] mentionAt = new int[t.n];
    Arrays.fill(mentionAt, -1);
    for (int s = 0; s < spans.size(); s++) {
      Arrays.fill(mentionAt, spans.get(s).start, spans.get(s).end, s);
    }
    String[] types = spans.stream().map(s -> s.type).toArray(String[]::new);
    List<Mention> out = new ArrayList<>(spans.size());
    for (int s = 0; s < spans.size(); s++) {
      Span sp = spans.get(s);
      int sentence = t.sentence[sp.start];
      List<String> descriptors = sp.resolvedKey == null ? List.of()
          : Descriptors.of(text, t, sp.start, sp.nameStart, sp.end, mentionAt, types);
      String example = descriptors.isEmpty() ? null : sentenceText(text, t, sentence);
      int begin = t.begin[sp.start];
      out.add(new Mention(sentence, paragraph(paragraphStarts, t.begin[t.sentenceStart[sentence]]), begin,
          t.end[sp.end - 1], text.substring(begin, t.end[sp.end - 1]), sp.type, sp.key, sp.display,
          sp.key.split(" ").length, sp.resolvedKey, sp.resolution, sp.actor == null ? null : sp.actor.canonical(),
          descriptors, example));
    }
    return new Result(t.n, t.sentenceStart.length, paragraphStarts.length, out);
  }

  private static void addNerSpan(String text, Tokens t, int i, int j, String type, boolean[] taken, List<Span> spans) {
    for (int k = i; k < j; k++) {
      if (taken[k]) {
        return;   // the dictionary matched here: it wins
      }
    }
    int nameStart = i;
    if (Names.PERSON.equals(type)) {
      while (nameStart < j && Names.isTitle(t.word[nameStart])) {
        nameStart++;
      }
    }
    int end = j;
    while (end > nameStart && ("POS".equals(t.tag[end - 1]) || isPunctuation(t.word[end - 1]))) {
      end--;
    }
    if (end == nameStart || end - nameStart == 1 && (Names.isPronoun(t.word[nameStart]) || "PRP".equals(t.tag[nameStart])
        || "PRP$".equals(t.tag[nameStart]))) {
      return;
    }
    String display = clean(text, t, nameStart, end);
    String key = Names.key(display, type);
    if (key.isEmpty() || !hasLetter(key)) {
      return;
    }
    Span s = new Span(i, nameStart, end, type, key, display, null);
    s.resolution = nameStart > i ? TITLE_STRIPPED : EXACT;
    spans.add(s);
  }

  /**
   * Person short forms resolved against the document's own full names: a name whose words are a contiguous, shorter
   * run of exactly one longest name ("Castillo", "Williams Zapata") takes that name; of several ("Fujimori" beside
   * Keiko and Alberto Fujimori) it is ambiguous. A one-word organisation or place that is the surname of exactly one
   * person named in the document is taken as that person (the tagger often mislabels lone surnames).
   */
  private static void resolveInDocument(List<Span> spans) {
    Map<String, Boolean> personKeys = new LinkedHashMap<>();
    for (Span s : spans) {
      if (Names.PERSON.equals(s.type)) {
        personKeys.put(s.key, true);
      }
    }
    List<String> longest = new ArrayList<>();
    for (String k : personKeys.keySet()) {
      boolean contained = false;
      for (String other : personKeys.keySet()) {
        if (!other.equals(k) && Names.isShortFormOf(k, other)) {
          contained = true;
          break;
        }
      }
      if (!contained) {
        longest.add(k);
      }
    }
    Map<String, List<String>> bySurname = new HashMap<>();
    for (String k : longest) {
      String[] w = Names.nameWords(k);
      if (w.length > 1) {
        bySurname.computeIfAbsent(w[w.length - 1], x -> new ArrayList<>()).add(k);
      }
    }
    for (Span s : spans) {
      if (s.actor != null) {
        s.resolvedKey = s.key;
        s.resolution = DICTIONARY;
      } else if (Names.GROUP.equals(s.type)) {
        s.resolvedKey = s.key;
        s.resolution = COLLECTIVE;
      } else if (Names.PERSON.equals(s.type)) {
        List<String> full = new ArrayList<>();
        for (String k : longest) {
          if (Names.isShortFormOf(s.key, k)) {
            full.add(k);
          }
        }
        if (full.size() > 1) {
          full = narrow(s.key, full);
        }
        if (full.isEmpty()) {
          s.resolvedKey = s.key;
        } else if (full.size() == 1) {
          s.resolvedKey = full.get(0);
          s.resolution = DOCUMENT_ALIAS;
        } else {
          s.resolvedKey = null;
          s.resolution = AMBIGUOUS;
        }
      } else {
        List<String> person = s.key.indexOf(' ') < 0 ? bySurname.get(s.key) : null;
        if (person != null && person.size() == 1) {
          s.type = Names.PERSON;
          s.resolvedKey = person.get(0);
          s.resolution = DOCUMENT_ALIAS;
        } else {
          s.resolvedKey = s.key;
        }
      }
    }
  }

  /**
   * Of several full names a short form is part of, the ones it can stand for: those it ends (a surname stands for
   * "Marco Rubio", not for the tagger's "Rubio Doctrine"), when there are any; and one name written with and without
   * middle initials ("Donald Trump", "Donald J. Trump") is one person, as the corpus-wide step
   * ({@code EntitiesStage.withoutMiddleInitials}) decides, so it is the form without them. Two initialled forms of one
   * base ("George W. Bush", "George H. W. Bush") stay apart.
   */
  static List<String> narrow(String shortKey, List<String> full) {
    String[] s = Names.nameWords(shortKey);
    List<String> ending = new ArrayList<>();
    for (String k : full) {
      String[] f = Names.nameWords(k);
      if (Arrays.equals(s, Arrays.copyOfRange(f, f.length - s.length, f.length))) {
        ending.add(k);
      }
    }
    List<String> kept = ending.isEmpty() ? full : ending;
    if (kept.size() == 2) {
      String a = kept.get(0);
      String b = kept.get(1);
      if (withoutInitials(a).equals(b) && !a.equals(b)) {
        return List.of(b);
      }
      if (withoutInitials(b).equals(a) && !a.equals(b)) {
        return List.of(a);
      }
    }
    return kept;
  }

  /** A person key without its middle initials, as EntitiesStage.withoutMiddleInitials writes it. */
  static String withoutInitials(String key) {
    return MIDDLE_INITIALS.matcher(key).replaceAll(" ");
  }

  /** Middle initials inside a person key (keys hold no full stops): " r " in "joseph r biden". */
  static final String MIDDLE_INITIALS_REGEX = " (\\p{L} )+";
  private static final Pattern MIDDLE_INITIALS = Pattern.compile(MIDDLE_INITIALS_REGEX);
  /** Characters no name holds (see clean): an editor's square brackets, double quotation marks. */
  private static final Pattern NOT_IN_NAMES = Pattern.compile("[\\[\\]\"\u201c\u201d\u201e\u00ab\u00bb]");

  /**
   * The text of tokens [from, to) with whitespace runs collapsed and a final possessive removed, and without an
   * editor's square brackets, which mark words added to a quotation ("[Robert] Mueller" is Robert Mueller, not a name
   * of its own), or the double quotation marks of a nickname (William "Mo" Cowan), which the tagger's span may cut.
   */
  static String clean(String text, Tokens t, int from, int to) {
    return Names.stripPossessive(collapse(NOT_IN_NAMES.matcher(text.substring(t.begin[from], t.end[to - 1])).replaceAll("")));
  }

  static String collapse(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        space = b.length() > 0;
      } else {
        if (space) {
          b.append(' ');
          space = false;
        }
        b.append(c);
      }
    }
    return b.toString();
  }

  private static final int MAX_EXAMPLE = 400;

  static String sentenceText(String text, Tokens t, int sentence) {
    String s = collapse(text.substring(t.begin[t.sentenceStart[sentence]], t.end[t.sentenceEnd[sentence] - 1]));
    return s.length() <= MAX_EXAMPLE ? s : s.substring(0, MAX_EXAMPLE - 3) + "...";
  }

  private static boolean isPunctuation(String w) {
    for (int i = 0; i < w.length(); i++) {
      if (Character.isLetterOrDigit(w.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasLetter(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLetter(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Offsets where paragraphs start: 0 and the first character after each run of lines holding a blank one. */
  public static int[] paragraphStarts(String text) {
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    int i = 0;
    int len = text.length();
    while (i < len) {
      int nl = text.indexOf('\n', i);
      if (nl < 0) {
        break;
      }
      int j = nl + 1;
      boolean blank = false;
      while (j < len) {   // skip whitespace after the newline; a second newline in it makes a blank line
        char c = text.charAt(j);
        if (c == '\n') {
          blank = true;
        } else if (!Character.isWhitespace(c)) {
          break;
        }
        j++;
      }
      if (blank && j < len) {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = j;
      }
      i = j;
    }
    return Arrays.copyOf(starts, n);
  }

  public static int paragraph(int[] starts, int offset) {
    int p = Arrays.binarySearch(starts, offset);
    return p >= 0 ? p : -p - 2;
  }
}
