package org.framelens.quotes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.framelens.entities.DocumentEntities;

/**
 * The quotations of one document and their speakers, from its tokens and sentences (CoreNLP's, numbered as the
 * mentions are), the quotations in marks CoreNLP's QuoteAnnotator found, and the document's entity mentions.
 *
 * <p>The attribution rules are written here by hand: CoreNLP's own attribution (Muzny et al. 2017) needs coreference
 * and dependency parses, several times the cost of the whole entities stage, and no other well-kept Java library
 * attributes news quotes. The rules follow news style and are stated in docs/quotes.md: a reporting verb next to the
 * quotation in its sentence (after it: {@code "...," said X} or {@code "...," X said}; before it: {@code X said: "..."}),
 * the speaker being the person (else the organisation, else the collective actor) named nearest to the verb, else a pronoun (he, she: the person
 * last named before it), else a capitalised name, else a noun phrase; a quotation with none that opens its sentence
 * continues the speaker of the quotation before it in the same or the previous paragraph.
 */
final class QuoteFinder {
  /**
   * A token; {@code sentence} is the sentence the rules read (the splitter's, joined where it split before a comma
   * or a lower-case word), {@code split} the splitter's own number, which mentions and the quotes table use.
   */
  record Tok(int begin, int end, String text, int sentence, int split) {}

  /** A mention of the entities stage, with the labels it carries (mentions.descriptors). */
  record Mention(int start, int end, String type, String entityId, String surface, List<String> descriptors) {}

  record Quote(int paragraph, int sentence, int start, int end, String text, String kind, String verb,
      String speakerSurface, String speakerEntityId, String resolution, int words) {}

  record Result(List<Quote> quotes, int rejected) {}

  static final String DIRECT = "direct";
  static final String PARTIAL = "partial";
  static final String INDIRECT = "indirect";
  static final String MENTION = "mention";
  static final String PRONOUN = "pronoun";
  static final String PREVIOUS = "previous_quote";
  static final String NAME = "name";
  static final String NOMINAL = "nominal";
  static final String DESCRIPTOR = "descriptor";
  static final String NONE = "none";

  /** Tokens read either side of a reporting verb for its speaker. */
  static final int SPEAKER_WINDOW = 8;
  /** After a quotation, its verb may follow the speaker and an appositive: "Jim Manley, a spokesman for Mr. Reid, said". */
  static final int AFTER_WINDOW = 14;
  /** A reporting verb before a quotation attributes it when at most this many tokens stand between them. */
  static final int VERB_BEFORE_QUOTE = 6;
  /** A quotation after a colon takes a reporting verb at most this many tokens before the colon, in its clause. */
  static final int COLON_CLAUSE = 20;
  /** A pronoun stands for the last person quoted when that quotation is at most this many paragraphs back. */
  static final int PRONOUN_PARAGRAPHS = 3;
  /** A nominal speaker has at most this many words. */
  static final int NOMINAL_WORDS = 6;
  /** The longest appositive between a name and its verb, in tokens. */
  static final int APPOSITIVE_WORDS = 20;

  private static final Set<String> PRONOUNS = Set.of("he", "she", "they", "we", "i");
  private static final Set<String> PERSONAL = Set.of("he", "she");
  /** Determiners, also left out of a nominal speaker as the outlet tables count it (QuotesStage). */
  static final Set<String> DETERMINERS = Set.of("a", "an", "the", "one", "two", "three", "some", "several",
      "many", "other", "another", "his", "her", "their", "its", "our", "this", "that", "these", "those");
  /** Words that end a nominal speaker read after its verb: "said a spokesman in a statement". */
  private static final Set<String> NOMINAL_STOPS = Set.of("in", "on", "at", "during", "after", "before", "while",
      "when", "who", "which", "that", "to", "as", "and", "but", "because", "if", "than", "was", "is", "were", "are",
      "had", "has", "have", "would", "will", "could", "should", "last", "this", "yesterday", "today", "did", "does",
      "do", "also", "not", "then", "later", "just", "again", "even", "still", "never", "only", "first");
  /** Words that open a clause of their own: a verb after one is not the quotation's ("after The Post reported"). */
  private static final Set<String> SUBORDINATORS = Set.of("after", "before", "while", "when", "as", "because", "since",
      "until", "if", "though", "although", "where", "whereas", "unless");
  private static final Set<String> PREPOSITIONS = Set.of("in", "on", "at", "of", "for", "with", "by", "from", "after",
      "before", "during", "about", "into", "over", "under", "through", "via", "per", "to", "as");
  private static final Set<String> INTERVENING = Set.of("also", "later", "then", "just", "again", "even", "still",
      "never", "only", "first", "once", "had", "has", "have", "would", "will", "did", "does", "was", "is", "often",
      "already", "himself", "herself", "themselves", "itself", "too", "further");
  /** Forms of "be": one just before a reporting verb's past form makes it a passive. */
  private static final Set<String> BE = Set.of("was", "were", "is", "are", "be", "been", "being");
  /** Abbreviated titles as the noun that may stand for them: "Rep. Farenthold" ... "the congressman". */
  private static final java.util.Map<String, String> TITLE_WORDS = java.util.Map.of("rep.", "representative", "sen.",
      "senator", "gov.", "governor", "gen.", "general", "pres.", "president", "lt. gov.", "lieutenant governor",
      "atty. gen.", "attorney general", "sec.", "secretary", "supt.", "superintendent");
  /** A document that "says" or "continued": its words are its author's. */
  private static final Set<String> DOCUMENT_NOUNS = Set.of("statement", "letter", "release", "post", "tweet", "suit",
      "lawsuit", "memo", "complaint", "filing", "video", "email", "e-mail", "ad", "advertisement", "message");
  private static final Set<String> FEMALE = Set.of("ms.", "mrs.", "miss", "ms", "mrs", "madam", "congresswoman",
      "spokeswoman", "chairwoman", "businesswoman", "first lady", "actress", "queen", "princess", "wife", "mother",
      "daughter", "sister", "grandmother", "widow");
  private static final Set<String> MALE = Set.of("mr.", "mr", "congressman", "spokesman", "chairman", "businessman",
      "actor", "king", "prince", "husband", "father", "son", "brother", "grandfather", "widower");
  private static final Set<String> TITLES = Set.of("mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "gen.", "lt.",
      "col.", "sgt.", "prof.", "rev.", "pres.", "st.");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Pattern CONTINUED_MARK = Pattern.compile("(\\n[ \\t]*\\n\\s*)[\"\u201c\u00ab\u2018'`]+");

  private final ReportingVerbs verbs;
  private final Set<String> speakerNouns;

  QuoteFinder(ReportingVerbs verbs, Set<String> speakerNouns) {
    this.verbs = verbs;
    this.speakerNouns = speakerNouns;
  }

  /** A speaker found next to a verb. */
  private record Speaker(String surface, String entityId, String resolution) {}

  /** The verb attributing a quotation, and who speaks. */
  private record Attribution(String verb, Speaker speaker) {}

  private String text;
  private List<Tok> toks;
  private int[] sentenceStart;
  private int[] sentenceEnd;
  private boolean[] quoted;
  private List<Mention> mentions;
  /** The places named in the document, by the offset they start at: "Klobuchar of [Minnesota]". */
  private java.util.Map<Integer, Mention> places;
  private int[] paragraphs;
  /** The quotations attributed so far, in text order: a pronoun's likeliest referent is the one who spoke last. */
  private List<Quote> spoken;

  /**
   * @param marked the quotations in marks, [start, end) with the marks, top level only, in text order
   * @param mentions the document's mentions, in any order
   */
  Result find(String text, List<Tok> tokens, List<int[]> marked, List<Mention> mentions) {
    this.text = text;
    this.toks = tokens;
    this.mentions = new ArrayList<>(mentions);
    this.mentions.sort(Comparator.comparingInt(Mention::start));
    places = new java.util.HashMap<>();
    for (Mention m : mentions) {
      if (m.type().equals("LOCATION")) {
        places.putIfAbsent(m.start(), m);
      }
    }
    int sentences = tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).sentence() + 1;
    sentenceStart = new int[sentences];
    sentenceEnd = new int[sentences];
    for (int i = tokens.size() - 1; i >= 0; i--) {
      sentenceStart[tokens.get(i).sentence()] = i;
    }
    for (int i = 0; i < tokens.size(); i++) {
      sentenceEnd[tokens.get(i).sentence()] = i + 1;
    }
    paragraphs = DocumentEntities.paragraphStarts(text);
    spoken = new ArrayList<>();
    gender = null;
    quoted = new boolean[tokens.size()];
    List<Quote> out = new ArrayList<>();
    int rejected = 0;
    // Token ranges of the quotations, [first, end).
    List<int[]> spans = new ArrayList<>();
    for (int[] q : marked) {
      int first = firstTokenFrom(q[0]);
      int end = first;
      while (end < tokens.size() && tokens.get(end).end() <= q[1]) {
        end++;
      }
      if (end == first || !WORD.matcher(text.substring(q[0], q[1])).find()) {
        continue;
      }
      if (!continuesByConvention(text, paragraphs, q[0], q[1])) {
        rejected++;   // marks paired across paragraphs that do not reopen: a stray mark, not a quotation
        continue;
      }
      spans.add(new int[] {q[0], q[1], first, end});
      for (int i = first; i < end; i++) {
        quoted[i] = true;
      }
    }
    Quote previous = null;
    int previousSentence = -1;   // the sentence the direct quotation before ends in, as the rules number it
    Quote last = null;   // the quotation before, of any kind, and the sentence its first word is in
    int lastSentence = -1;
    for (int[] s : spans) {
      int first = s[2];
      int end = s[3];
      // The sentence of the first word quoted: the splitter may leave an opening mark ("site. "In fact") at the end
      // of the sentence before.
      int sentence = sentenceOf(first, end);
      int contextStart = Math.min(first, Math.max(sentenceStart[sentence], lastQuotedBefore(first, sentenceStart[sentence]) + 1));
      boolean opensSentence = contextStart == first || onlyPunctuation(contextStart, first);
      String body = inner(text.substring(s[0], s[1]));
      // A fragment in lower case after a partial quotation of its sentence goes on with that list, whatever stands
      // between them ("X wrote that they should "a," "b," and, most of all, "c""): partial too, unless it runs
      // over several sentences.
      boolean listed = last != null && lastSentence == sentence && last.kind().equals(PARTIAL) && startsLowerCase(body);
      String kind = toks.get(end - 1).sentence() != sentence || !listed && (opensSentence
          || endsWithPunctuation(contextStart, first, ":", ",") || (first > contextStart && verbAt(first - 1) != null)) ? DIRECT : PARTIAL;
      Attribution a = kind.equals(DIRECT) ? attributeDirect(first, end, contextStart) : attributePartial(first, end);
      Quote q;
      if (a != null) {
        q = quote(paragraphs, sentence, s[0], s[1], body, kind, a.verb(), a.speaker());
      } else if (kind.equals(DIRECT) && previous != null && previous.speakerSurface() != null && previous.kind().equals(DIRECT)
          && (opensSentence && DocumentEntities.paragraph(paragraphs, previous.start()) >= DocumentEntities.paragraph(paragraphs, s[0]) - 1
              || previousSentence == sentence)) {
        // The quotation before it continues: it opens its sentence next to it ("A," he said. "B."), or the sentence
        // that attributed that one goes on to this ("A," Corfman told the Post as to why she came forward, "B.").
        q = quote(paragraphs, sentence, s[0], s[1], body, kind, previous.verb(),
            new Speaker(previous.speakerSurface(), previous.speakerEntityId(), PREVIOUS));
      } else if (last != null && lastSentence == sentence && last.speakerSurface() != null) {
        // No attribution of its own in the sentence of an attributed quotation: the same voice goes on ("She said on
        // "Meet the Press" that the answer was plain: "We stay."").
        q = quote(paragraphs, sentence, s[0], s[1], body, kind, last.verb(),
            new Speaker(last.speakerSurface(), last.speakerEntityId(), PREVIOUS));
      } else {
        q = quote(paragraphs, sentence, s[0], s[1], body, kind, null, null);
      }
      out.add(q);
      last = q;
      lastSentence = sentence;
      if (kind.equals(DIRECT)) {
        previous = q;
        previousSentence = toks.get(end - 1).sentence();
      }
      if (q.speakerEntityId() != null) {
        spoken.add(q);
      }
    }
    for (int sentence = 0; sentence < sentences; sentence++) {
      Quote q = indirect(paragraphs, sentence);
      if (q != null) {
        out.add(q);
      }
    }
    out.sort(Comparator.comparingInt(Quote::start));
    return new Result(out, rejected);
  }

  private Quote quote(int[] paragraphs, int sentence, int start, int end, String body, String kind, String verb, Speaker sp) {
    Matcher m = WORD.matcher(body);
    int words = 0;
    while (m.find()) {
      words++;
    }
    int from = Math.max(firstTokenFrom(start), sentenceStart[sentence]);
    int split = toks.get(from < sentenceEnd[sentence] ? from : sentenceStart[sentence]).split();
    return new Quote(DocumentEntities.paragraph(paragraphs, start), split, start, end, body, kind, verb,
        sp == null ? null : sp.surface(), sp == null ? null : sp.entityId(), sp == null ? NONE : sp.resolution(), words);
  }

  /** Whether the first letter of a quotation is lower case: a fragment of a sentence, not a sentence of its own. */
  private static boolean startsLowerCase(String body) {
    for (int i = 0; i < body.length(); i = body.offsetByCodePoints(i, 1)) {
      int c = body.codePointAt(i);
      if (Character.isLetter(c)) {
        return Character.isLowerCase(c);
      }
    }
    return false;
  }

  /**
   * A quotation CoreNLP paired across paragraphs is one only when every paragraph after its first opens with a
   * quotation mark, the news convention for a quote running over several paragraphs.
   */
  static boolean continuesByConvention(String text, int[] paragraphs, int start, int end) {
    for (int p : paragraphs) {
      if (p > start && p < end && "\"\u201c\u00ab\u2018'`".indexOf(text.charAt(p)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** What a quotation in marks says: the marks removed, and the opening marks of its later paragraphs. */
  static String inner(String quoted) {
    int from = 0;
    int to = quoted.length();
    while (from < to && "\"\u201c\u00ab\u2018'`\u201e\u201a\u2039".indexOf(quoted.charAt(from)) >= 0) {
      from++;
    }
    while (to > from && "\"\u201d\u00bb\u2019'\u203a".indexOf(quoted.charAt(to - 1)) >= 0) {
      to--;
    }
    return CONTINUED_MARK.matcher(quoted.substring(from, to)).replaceAll("\n\n").strip();
  }

  /** The sentence of a quotation's first word. */
  private int sentenceOf(int first, int end) {
    int lead = first;
    while (lead < end - 1 && !WORD.matcher(toks.get(lead).text()).find()) {
      lead++;
    }
    return toks.get(lead).sentence();
  }

  private int firstTokenFrom(int offset) {
    int lo = 0;
    int hi = toks.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (toks.get(mid).begin() < offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private int lastQuotedBefore(int i, int floor) {
    for (int j = i - 1; j >= floor; j--) {
      if (quoted[j]) {
        return j;
      }
    }
    return floor - 1;
  }

  private boolean onlyPunctuation(int from, int to) {
    for (int i = from; i < to; i++) {
      if (WORD.matcher(toks.get(i).text()).find()) {
        return false;
      }
    }
    return true;
  }

  private boolean endsWithPunctuation(int from, int to, String... marks) {
    if (to <= from) {
      return false;
    }
    String last = toks.get(to - 1).text();
    for (String m : marks) {
      if (last.equals(m)) {
        return true;
      }
    }
    return false;
  }

  private String lower(int i) {
    return toks.get(i).text().toLowerCase(Locale.ROOT);
  }

  /** The reporting verb at token i (in lower case in the text, or "According"), or null. */
  private ReportingVerbs.Verb verbAt(int i) {
    if (i < 0 || i >= toks.size() || quoted[i]) {
      return null;
    }
    String w = toks.get(i).text();
    String next = i + 1 < toks.size() && toks.get(i + 1).sentence() == toks.get(i).sentence() ? lower(i + 1) : null;
    if (!w.equals(w.toLowerCase(Locale.ROOT)) && !w.equals("According")) {
      return null;
    }
    ReportingVerbs.Verb v = verbs.of(w.toLowerCase(Locale.ROOT), next);
    return v == null || passive(i) ? null : v;
  }

  /**
   * A passive ("He was told that ...", "He was charged with "rebellion"", "it was reported"): its subject is not
   * the one who speaks, so the form reports no one here.
   */
  private boolean passive(int verb) {
    if (lower(verb).endsWith("ing")) {
      return false;
    }
    for (int k = verb - 1; k >= Math.max(0, verb - 3); k--) {
      String x = lower(k);
      if (BE.contains(x)) {
        return true;
      }
      if (!adverb(k)) {
        return false;
      }
    }
    return false;
  }

  private int verbLength(int i) {
    String next = i + 1 < toks.size() ? lower(i + 1) : null;
    return verbs.twoWords(lower(i), next) ? 2 : 1;
  }

  /**
   * A direct quotation: a verb just before it ("said:"), else a verb after it in its sentence, else one before it;
   * a quotation opening its paragraph after one that ends "... tweeting:" takes that verb.
   */
  private Attribution attributeDirect(int first, int end, int contextStart) {
    if (first >= 2 && toks.get(first - 1).text().equals(":") && !quoted[first - 1]) {
      // "Ms. Lauten wrote what she thought the daughters should have done: "Rise ..."": the clause the colon closes
      // introduces the quotation, and its verb may stand anywhere in it.
      int floor = first == contextStart ? sentenceStart[toks.get(first - 1).sentence()] : contextStart;
      Attribution a = verbBefore(floor, first - 1, COLON_CLAUSE);
      if (a != null) {
        return a;
      }
    }
    if (first - 1 >= contextStart && (verbAt(first - 1) != null
        || first - 2 >= contextStart && isBoundary(toks.get(first - 1).text()) && verbAt(first - 2) != null)) {
      Attribution a = verbBefore(contextStart, first, 2);
      if (a != null) {
        return a;
      }
    }
    int sentenceOfEnd = toks.get(end - 1).sentence();
    int stop = sentenceEnd[sentenceOfEnd];
    int i = end;
    while (i < stop && !quoted[i] && !WORD.matcher(toks.get(i).text()).find()) {
      i++;
    }
    if (i == stop && stop < toks.size() && !quoted[stop] && endsAsking(first, end)) {
      // "Why?" he asked. The splitter ends the sentence at the mark inside the quotation, and the attribution is
      // the sentence after it, unless a verb before the quotation gave it ("X asked on Twitter, "Why?" He then ...");
      // a quotation closed by a full stop is never attributed so: what follows it is news.
      Attribution before = verbBefore(contextStart, first, VERB_BEFORE_QUOTE);
      if (before != null) {
        return before;
      }
      stop = sentenceEnd[toks.get(stop).sentence()];
    }
    if (i < stop && !quoted[i] && i - end <= 2) {
      Attribution after = verbAfter(i, stop);
      if (after != null) {
        return after;
      }
    }
    return verbBefore(contextStart, first, VERB_BEFORE_QUOTE);
  }

  /** Whether the quotation's last words end with a question or exclamation mark (before its closing mark). */
  private boolean endsAsking(int first, int end) {
    for (int j = end - 1; j >= Math.max(first, end - 2); j--) {
      String t = toks.get(j).text();
      if (t.equals("?") || t.equals("!")) {
        return true;
      }
    }
    return false;
  }

  /** After a quotation: "said X", "X said", "according to X". */
  private Attribution verbAfter(int i, int stop) {
    ReportingVerbs.Verb v = verbAt(i);
    if (v != null) {
      Speaker s = speakerAfter(i + verbLength(i), stop);
      return s == null ? null : new Attribution(v.lemma(), s);
    }
    if (SUBORDINATORS.contains(lower(i))) {
      return null;
    }
    for (int j = i + 1; j < Math.min(stop, i + AFTER_WINDOW); j++) {
      if (quoted[j] || toks.get(j).text().equals(".") && j + 1 < stop) {
        break;
      }
      v = verbAt(j);
      if (v != null) {
        Speaker s = appositiveSubject(i, j);   // ""...?" Kevin McCarthy of California, the Republican leader, asked"
        s = s != null ? s : speakerBefore(i, j);
        return s == null ? null : new Attribution(v.lemma(), s);
      }
    }
    return null;
  }

  /** A verb in [from, first) at most {@code gap} tokens before the quotation, with its speaker before it. */
  private Attribution verbBefore(int from, int first, int gap) {
    for (int j = first - 1; j >= Math.max(from, first - gap); j--) {
      ReportingVerbs.Verb v = verbAt(j);
      if (v == null) {
        continue;
      }
      if (v.lemma().equals("according to")) {
        Speaker s = speakerAfter(j + 2, first);
        return s == null ? null : new Attribution(v.lemma(), s);
      }
      Speaker s = participle(j) ? subject(j) : appositiveSubject(from, j);
      if (s == null) {
        s = speakerBefore(Math.max(from, j - SPEAKER_WINDOW), j);
      }
      if (s == null && coordinated(j)) {
        s = subject(j);   // "He did not comment, but did say that Trump is "...": the verbs share their subject
      }
      return s == null ? null : new Attribution(v.lemma(), s);
    }
    return null;
  }

  /**
   * The name before an appositive that ends at the verb, however long it is: "Elizabeth Lauten, the communications
   * director for Rep. Stephen Fincher (R-Tenn.), wrote". The appositive is the lower-case phrase between the
   * verb's comma and the comma before it (parentheses skipped), at most APPOSITIVE_WORDS tokens; null otherwise.
   */
  private Speaker appositiveSubject(int from, int verb) {
    int close = verb - 1;
    while (close > from && adverb(close)) {   // "Mary Cheney, openly lesbian ..., reportedly posted"
      close--;
    }
    if (close <= from || !toks.get(close).text().equals(",")) {
      return null;
    }
    // Appositives may nest ("Jess Morales Rocketto, the chairwoman of Families Belong Together, an immigrant
    // advocacy group, called"): the commas are read back to the first person before one, else the first organisation.
    Mention organisation = null;
    int depth = 0;
    for (int c = close - 1; c > from && close - c <= APPOSITIVE_WORDS; c--) {
      String t = toks.get(c).text();
      if (quoted[c]) {
        break;
      }
      if (t.equals(")") || t.equals("-RRB-")) {
        depth++;
      } else if (t.equals("(") || t.equals("-LRB-")) {
        depth--;
      } else if (depth == 0 && t.equals(",")) {
        String head = toks.get(c + 1).text();
        if (!head.equals(head.toLowerCase(Locale.ROOT))) {
          break;   // "Warren, Sanders and Harris said": a list, not an appositive
        }
        for (Mention m : mentions) {
          if (!m.type().equals("LOCATION") && m.start() >= toks.get(from).begin() && afterName(m) == c
              && !insideQuote(m)) {
            if (m.type().equals("PERSON")) {
              return new Speaker(m.surface(), m.entityId(), MENTION);
            }
            organisation = organisation == null ? m : organisation;
          }
        }
      } else if (depth == 0 && isBoundary(t)) {
        break;
      }
    }
    return organisation == null ? null : new Speaker(organisation.surface(), organisation.entityId(), MENTION);
  }

  /** Whether "and" or "but", then only adverbs and auxiliaries, stand just before the verb ("but did say"). */
  private boolean coordinated(int verb) {
    for (int k = verb - 1; k >= Math.max(0, verb - 4); k--) {
      if ((lower(k).equals("and") || lower(k).equals("but")) && adjacent(k + 1, verb)) {
        return toks.get(k).sentence() == toks.get(verb).sentence();
      }
    }
    return false;
  }

  /** A participle after a comma ("..., saying it was necessary") reports what the sentence's subject says. */
  private boolean participle(int verb) {
    int before = verb - 1;
    if (before > 0 && quoted[before] && !WORD.matcher(toks.get(before).text()).find()) {
      before--;   // "..., good & bad," saying": the comma inside the closing mark
    }
    return lower(verb).endsWith("ing") && before >= 0 && toks.get(before).text().equals(",");
  }

  /** The subject of the verb's sentence, read as its first person (else organisation) named, else an opening pronoun. */
  private Speaker subject(int verb) {
    int s = toks.get(verb).sentence();
    int from = toks.get(sentenceStart[s]).begin();
    int to = toks.get(verb).begin();
    // The first of a person named, a pronoun, or a definite noun phrase that describes a person ("The president
    // himself responded ..., calling"; "In Wednesday's speech the senator also took a swipe at Hillary Clinton,
    // calling"): the subject comes before the objects.
    Mention named = firstMention(from, to, "PERSON");
    int personAt = named == null ? verb : firstTokenFrom(named.start());
    for (int i = sentenceStart[s]; i < personAt; i++) {
      if (quoted[i]) {
        continue;
      }
      if (PERSONAL.contains(lower(i)) || i == sentenceStart[s] && PRONOUNS.contains(lower(i))) {
        return pronoun(toks.get(i));
      }
      if (lower(i).equals("the") && i + 1 < personAt) {
        Speaker d = described(text.substring(toks.get(i).begin(), toks.get(i + 1).end()), toks.get(i).begin());
        if (d.entityId() != null) {
          return d;
        }
      }
    }
    if (named != null) {
      return new Speaker(named.surface(), named.entityId(), MENTION);
    }
    Speaker organisation = firstNamed(from, to, "ORGANIZATION");
    return organisation != null ? organisation : firstNamed(from, to, "GROUP");
  }

  private Mention firstMention(int from, int to, String type) {
    for (Mention m : mentions) {
      if (m.type().equals(type) && m.start() >= from && m.end() <= to && !insideQuote(m)) {
        return m;
      }
    }
    return null;
  }

  private Speaker firstNamed(int from, int to, String type) {
    Mention m = firstMention(from, to, type);
    return m == null ? null : new Speaker(m.surface(), m.entityId(), MENTION);
  }

  /** A partial quotation: a reporting verb of its sentence before it, with a speaker before the verb. */
  private Attribution attributePartial(int first, int end) {
    int sentence = sentenceOf(first, end);
    Attribution a = verbBefore(sentenceStart[sentence], first, first - sentenceStart[sentence]);
    if (a != null) {
      return a;
    }
    int stop = sentenceEnd[sentence];
    int depth = 0;
    for (int j = end; j < stop; j++) {
      // A verb in a parenthesis after the quotation is an aside's: "(the leadership has referred to ...)".
      String t = toks.get(j).text();
      depth += t.equals("(") || t.equals("-LRB-") ? 1 : t.equals(")") || t.equals("-RRB-") ? -1 : 0;
      ReportingVerbs.Verb v = depth > 0 ? null : verbAt(j);
      if (v != null) {
        Speaker s = v.lemma().equals("according to") ? speakerAfter(j + 2, stop) : speakerBefore(Math.max(end, j - SPEAKER_WINDOW), j);
        if (s != null) {
          return new Attribution(v.lemma(), s);
        }
      }
    }
    return null;
  }

  /** Reported speech of a sentence with no quotation in marks: "X said (that) ...", "..., X said", "according to X". */
  private Quote indirect(int[] paragraphs, int sentence) {
    int from = sentenceStart[sentence];
    int to = sentenceEnd[sentence];
    for (int i = from; i < to; i++) {
      if (quoted[i]) {
        return null;
      }
    }
    int last = to;
    while (last > from && !WORD.matcher(toks.get(last - 1).text()).find()) {
      last--;
    }
    for (int i = from; i < last; i++) {
      ReportingVerbs.Verb v = verbAt(i);
      // "As noted previously", "as reported": the writer's aside, not reported speech.
      if (v == null || !v.indirect() || lower(i).endsWith("ing") && !v.lemma().contains(" ") || i > from && lower(i - 1).equals("as")) {
        continue;
      }
      if (v.lemma().equals("according to")) {
        int end = nominalEnd(i + 2, last);
        Speaker s = speakerAfter(i + 2, Math.min(last, end));
        if (s == null || !indirectSpeaker(s)) {
          continue;
        }
        // "According to X, CLAUSE" and "As of May, according to X, CLAUSE": what follows the speaker's comma;
        // "CLAUSE, according to X.": what precedes.
        if (end < last && toks.get(end).text().equals("(")) {   // "according to the police (PNP), ..."
          while (end < last && !toks.get(end).text().equals(")")) {
            end++;
          }
          end = Math.min(last, end + 1);
        }
        boolean after = end < last && toks.get(end).text().equals(",") && last - end > 3;
        int clauseFrom = after ? end + 1 : from;
        int clauseTo = after ? last : trimComma(from, i);
        Quote q = clause(paragraphs, sentence, clauseFrom, clauseTo, v.lemma(), s);
        if (q != null) {
          return q;
        }
        continue;
      }
      if (i == from) {
        continue;
      }
      // "Faiz Shakir, the political director of the A.C.L.U. and an adviser to Harry Reid of Nevada, said ...".
      Speaker s = appositiveSubject(from, i);
      s = s != null ? s : speakerBefore(Math.max(from, i - SPEAKER_WINDOW), i);
      if (s == null || !indirectSpeaker(s)) {
        continue;
      }
      int after = i + verbLength(i);
      int that = -1;
      for (int j = after; j < Math.min(last, after + 5); j++) {
        if (lower(j).equals("that")) {
          that = j;
          break;
        }
      }
      int clauseFrom = that >= 0 ? that + 1 : v.lemma().equals("tell") ? Math.min(last, after + 1) : after;
      if (last - clauseFrom >= 3) {
        return clause(paragraphs, sentence, clauseFrom, last, v.lemma(), s);
      }
      // "..., X said." at the end of the sentence: what comes before the comma is reported.
      int comma = speakerStart(from, i) - 1;
      if (comma > from && toks.get(comma).text().equals(",") && comma - from >= 3) {
        return clause(paragraphs, sentence, from, comma, v.lemma(), s);
      }
    }
    return null;
  }

  private int trimComma(int from, int i) {
    return i > from && toks.get(i - 1).text().equals(",") ? i - 1 : i;
  }

  private Quote clause(int[] paragraphs, int sentence, int fromTok, int toTok, String verb, Speaker s) {
    if (toTok - fromTok < 3) {
      return null;
    }
    int start = toks.get(fromTok).begin();
    int end = toks.get(toTok - 1).end();
    return quote(paragraphs, sentence, start, end, text.substring(start, end), INDIRECT, verb, s);
  }

  /** Indirect speech needs a speaker that is surely one: a name, a pronoun, or a nominal headed by a speaker noun. */
  private boolean indirectSpeaker(Speaker s) {
    if (!s.resolution().equals(NOMINAL)) {
      return true;
    }
    String[] words = s.surface().toLowerCase(Locale.ROOT).split("\\s+");
    for (String w : words) {
      if (speakerNouns.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** Where the speaker read before a verb at {@code verb} starts (its first token). */
  private int speakerStart(int from, int verb) {
    int j = verb;
    while (j > from && !quoted[j - 1] && !isBoundary(toks.get(j - 1).text()) && verb - j < NOMINAL_WORDS) {
      j--;
    }
    return j;
  }

  private static boolean isBoundary(String t) {
    return t.equals(",") || t.equals(";") || t.equals(":") || t.equals("--") || t.equals("\u2014") || t.equals("\u2013")
        || t.equals("(") || t.equals(")") || t.equals(".") || t.equals("``") || t.equals("''") || t.equals("\"");
  }

  /** The speaker in tokens [from, verb) before a verb: the person, else organisation, named nearest to it; ... */
  private Speaker speakerBefore(int from, int verb) {
    if (verb <= from) {
      return null;
    }
    int wBegin = toks.get(from).begin();
    int wEnd = toks.get(verb - 1).end();
    // The name just before the verb ("Castillo said"); else, the verb being apart from its subject by an appositive
    // ("Jim Manley, a spokesman for Mr. Reid, said"), the window's first person, else its first organisation.
    Mention best = null;
    for (Mention m : mentions) {
      if (m.start() >= wBegin && m.end() <= wEnd && !m.type().equals("LOCATION") && !insideQuote(m) && adjacent(m, verb)) {
        best = m;
      }
    }
    if (best == null) {
      // "Harry Reid, who he said ...", "She went on to say": the pronoun next to the verb speaks; "Sen. Amy
      // Klobuchar of Minnesota, who tweeted": the name the relative pronoun stands for.
      for (int j = verb - 1; j >= Math.max(from, verb - 5); j--) {
        if (PRONOUNS.contains(lower(j)) && !quoted[j] && adjacent(j + 1, verb)) {
          return pronoun(toks.get(j));
        }
        if (lower(j).equals("who") && !quoted[j] && adjacent(j + 1, verb)) {
          best = relativeSubject(j);
          break;
        }
      }
    }
    // A name apart from the verb is its subject only when an appositive follows it: "the House speaker said" is
    // the speaker, not the House.
    for (String type : List.of("PERSON", "ORGANIZATION", "GROUP")) {
      for (Mention m : mentions) {
        if (best == null && m.type().equals(type) && m.start() >= wBegin && m.end() <= wEnd && !insideQuote(m)
            && followedByComma(m)) {
          best = m;
        }
      }
    }
    if (best != null) {
      return new Speaker(best.surface(), best.entityId(), MENTION);
    }
    int start = speakerStart(from, verb);
    return phrase(start, verb);
  }

  /** The person or organisation named nearest before a relative "who" at token j, at most 5 tokens back (a place aside). */
  private Mention relativeSubject(int j) {
    Mention nearest = null;
    for (Mention m : mentions) {
      int after = afterName(m);
      if (!m.type().equals("LOCATION") && after <= j && j - after <= 4 && !insideQuote(m)) {
        nearest = m;
      }
    }
    return nearest;
  }

  /** The speaker in tokens [from, stop) after a verb: the first mention, pronoun, name or noun phrase there. */
  private Speaker speakerAfter(int from, int stop) {
    if (from >= stop || quoted[from]) {
      return null;
    }
    if (PRONOUNS.contains(lower(from))) {
      return pronoun(toks.get(from));
    }
    int end = nominalEnd(from, stop);
    if (end == from) {
      return null;
    }
    int wBegin = toks.get(from).begin();
    int wEnd = toks.get(end - 1).end();
    for (String type : List.of("PERSON", "ORGANIZATION", "GROUP")) {
      for (Mention m : mentions) {
        if (m.type().equals(type) && m.start() >= wBegin && m.end() <= wEnd) {
          return new Speaker(m.surface(), m.entityId(), MENTION);
        }
      }
    }
    return phrase(from, end);
  }

  /** The end of a noun phrase read from {@code from}: at punctuation, a stop word, or NOMINAL_WORDS words. */
  private int nominalEnd(int from, int stop) {
    int j = from;
    while (j < stop && !quoted[j] && j - from < NOMINAL_WORDS) {
      String t = toks.get(j).text();
      if (isBoundary(t) || (j > from && NOMINAL_STOPS.contains(t.toLowerCase(Locale.ROOT)))) {
        break;
      }
      j++;
    }
    return j;
  }

  /** Only adverbs and auxiliaries stand between the mention and the verb ("Mr. Perry also says", "Trump had asked"). */
  private boolean adjacent(Mention m, int verb) {
    return adjacent(afterName(m), verb);
  }

  /**
   * The token after a name, past "of" and a place that belongs to it: "Sen. Amy Klobuchar of Minnesota", "Kevin
   * McCarthy of California" are read as one name before a verb or an appositive.
   */
  private int afterName(Mention m) {
    int i = firstTokenFrom(m.end());
    Mention place = i + 1 < toks.size() && lower(i).equals("of") ? places.get(toks.get(i + 1).begin()) : null;
    return place == null ? i : firstTokenFrom(place.end());
  }

  /** Only adverbs and auxiliaries, or a few lower-case words ending in "to", stand in tokens [from, verb). */
  private boolean adjacent(int from, int verb) {
    // "Biden was quick to retort", "Perry went on to say": a few lower-case words ending in "to".
    if (verb - from <= 4 && verb - 1 >= from && lower(verb - 1).equals("to")) {
      boolean lowerCase = true;
      for (int i = from; i < verb; i++) {
        lowerCase &= toks.get(i).text().equals(lower(i)) && WORD.matcher(toks.get(i).text()).matches();
      }
      if (lowerCase) {
        return true;
      }
    }
    for (int i = from; i < verb; i++) {
      if (!adverb(i)) {
        return false;
      }
    }
    return true;
  }

  /** An adverb or auxiliary that may stand between a speaker and the verb ("also", "had", "reportedly"). */
  private boolean adverb(int i) {
    String w = lower(i);
    return INTERVENING.contains(w) || w.length() > 3 && w.endsWith("ly");
  }

  private boolean followedByComma(Mention m) {
    int i = afterName(m);
    return i < toks.size() && (toks.get(i).text().equals(",") || toks.get(i).text().equals("("));
  }

  private boolean insideQuote(Mention m) {
    int i = firstTokenFrom(m.start());
    return i < quoted.length && quoted[i];
  }

  /** A name (capitalised words) or a noun phrase from tokens [from, to); null when they hold no word. */
  private Speaker phrase(int from, int to) {
    while (from < to && (lower(from).equals("and") || lower(from).equals("but") || !WORD.matcher(toks.get(from).text()).find())) {
      from++;
    }
    if (from >= to) {
      return null;
    }
    boolean onlyAdverbs = true;
    for (int i = from; i < to && onlyAdverbs; i++) {
      onlyAdverbs = adverb(i);
    }
    if (onlyAdverbs) {
      return null;   // ", reportedly posted": no noun phrase speaks
    }
    String surface = text.substring(toks.get(from).begin(), toks.get(to - 1).end());
    boolean name = true;
    for (int i = from; i < to; i++) {
      String t = toks.get(i).text();
      if (!(Character.isUpperCase(t.charAt(0)) || TITLES.contains(t.toLowerCase(Locale.ROOT)))) {
        name = false;
      }
    }
    // A sentence's first word is capitalised whatever it is: "Protesters said" is a nominal.
    boolean initial = from == sentenceStart[toks.get(from).sentence()];
    if (name && initial && speakerNouns.contains(lower(from))) {
      name = false;
    }
    if (name && !DETERMINERS.contains(lower(from))) {
      return new Speaker(surface, null, NAME);
    }
    // A nominal is a noun phrase: not a verb's object, a clause ("it was", "the report that") or a prepositional
    // phrase ("in a series of").
    if (PREPOSITIONS.contains(lower(from)) || SUBORDINATORS.contains(lower(from))) {
      return null;
    }
    for (int i = from; i < to; i++) {
      if (verbAt(i) != null || NOMINAL_STOPS.contains(lower(i))) {
        return null;
      }
    }
    return described(surface, toks.get(from).begin());
  }

  /**
   * He or she: the first person named before it in its own sentence; else the person who spoke last, when a
   * quotation at most {@link #PRONOUN_PARAGRAPHS} paragraphs back has a person for its speaker; else the first person
   * named (the likeliest subject) in the nearest sentence before that names one. Other pronouns are kept as written,
   * with no entity.
   */
  private Speaker pronoun(Tok t) {
    String w = t.text().toLowerCase(Locale.ROOT);
    if (PERSONAL.contains(w)) {
      genders();
      String relative = relativeAntecedent(firstTokenFrom(t.begin()));
      int own = toks.get(sentenceStart[t.sentence()]).begin();
      for (Mention m : mentions) {
        if (m.start() >= own && m.end() <= t.begin() && m.type().equals("PERSON") && m.entityId() != null && !insideQuote(m)
            && agrees(w, m.entityId()) && !m.entityId().equals(relative)) {
          return new Speaker(t.text(), m.entityId(), PRONOUN);
        }
      }
      // The sentence just before, when it opens with a person (the subject): "Gen. Laura Richardson spoke ... she
      // mentioned". The sentences of a quotation the pronoun attributes are not read: "Sen. Elizabeth Warren pointed
      // to the vote. "Congress didn't ask for a summary. ... the full report," she wrote."
      int before = t.sentence() - 1;
      while (before >= 0 && quoted[sentenceStart[before]] && onlyQuoted(before)) {
        before--;
      }
      if (before >= 0 && !opensWithPronoun(before)) {   // "He said Obama was ...": he, not Obama, is its subject
        int prev = sentenceStart[before];
        Speaker subject = firstNamed(toks.get(prev).begin(), toks.get(Math.min(prev + 3, sentenceEnd[before] - 1)).end(), "PERSON");
        if (subject != null && subject.entityId() != null && agrees(w, subject.entityId()) && !subject.entityId().equals(relative)) {
          return new Speaker(t.text(), subject.entityId(), PRONOUN);
        }
      }
      int paragraph = DocumentEntities.paragraph(paragraphs, t.begin());
      for (int i = spoken.size() - 1; i >= 0; i--) {
        Quote q = spoken.get(i);
        if (q.start() < t.begin() && q.speakerEntityId().startsWith("per:") && q.paragraph() >= paragraph - PRONOUN_PARAGRAPHS
            && agrees(w, q.speakerEntityId()) && !q.speakerEntityId().equals(relative)) {
          return new Speaker(t.text(), q.speakerEntityId(), PRONOUN);
        }
      }
      for (int s = t.sentence() - 1; s >= 0; s--) {
        int from = toks.get(sentenceStart[s]).begin();
        for (Mention m : mentions) {
          if (m.start() >= from && m.end() <= t.begin() && m.type().equals("PERSON") && m.entityId() != null
              && !insideQuote(m) && agrees(w, m.entityId()) && !m.entityId().equals(relative)) {
            return new Speaker(t.text(), m.entityId(), PRONOUN);
          }
        }
      }
    }
    if (w.equals("they")) {
      // They: the group named first in the pronoun's sentence before it, else in the sentence before.
      for (int s = t.sentence(); s >= Math.max(0, t.sentence() - 1); s--) {
        int from = toks.get(sentenceStart[s]).begin();
        Speaker g = firstNamed(from, s == t.sentence() ? t.begin() : toks.get(sentenceEnd[s] - 1).end(), "GROUP");
        if (g != null && g.entityId() != null) {
          return new Speaker(t.text(), g.entityId(), PRONOUN);
        }
      }
    }
    return new Speaker(t.text(), null, PRONOUN);
  }

  /**
   * The person a relative clause opened just before the pronoun at token i is about ("Mr. Trump, who he said ...",
   * "Harry Reid, whom she called ..."): the pronoun is someone else, by the rule that a pronoun cannot stand for the
   * noun its own relative clause describes. Null when no relative pronoun and person stand there.
   */
  private String relativeAntecedent(int i) {
    if (i < 2 || !(lower(i - 1).equals("who") || lower(i - 1).equals("whom"))) {
      return null;
    }
    int before = toks.get(i - 2).text().equals(",") ? i - 3 : i - 2;
    if (before < 0) {
      return null;
    }
    for (Mention m : mentions) {
      if (m.type().equals("PERSON") && m.entityId() != null && firstTokenFrom(m.end()) == before + 1 && m.end() <= toks.get(before).end()) {
        return m.entityId();
      }
    }
    return null;
  }

  /**
   * A definite noun phrase ("the president", "the four-term congressman") is the person last named before it with a
   * label ending in the same word (mentions.descriptors: "President Barack Obama", "Obama, the president"); any
   * other noun phrase stays a nominal.
   */
  private Speaker described(String surface, int at) {
    String[] words = surface.toLowerCase(Locale.ROOT).split("\\s+");
    if (words.length >= 2 && words[0].equals("the")) {
      String head = words[words.length - 1];
      if (DOCUMENT_NOUNS.contains(head)) {
        // "the statement continued": the words are those of whoever was last quoted, when that was a few paragraphs back.
        int paragraph = DocumentEntities.paragraph(paragraphs, at);
        for (int i = spoken.size() - 1; i >= 0; i--) {
          Quote q = spoken.get(i);
          if (q.start() < at && q.paragraph() >= paragraph - PRONOUN_PARAGRAPHS) {
            return new Speaker(q.speakerSurface(), q.speakerEntityId(), PREVIOUS);
          }
        }
        return new Speaker(surface, null, NOMINAL);
      }
      for (int i = mentions.size() - 1; i >= 0; i--) {
        Mention m = mentions.get(i);
        if (m.end() <= at && m.type().equals("PERSON") && m.entityId() != null && m.descriptors() != null) {
          for (String label : m.descriptors()) {
            String d = TITLE_WORDS.getOrDefault(label, label);
            if (d.equals(head) || d.endsWith(" " + head) || d.equals("representative") && head.startsWith("congress")) {
              return new Speaker(surface, m.entityId(), DESCRIPTOR);
            }
          }
        }
      }
    }
    return new Speaker(surface, null, NOMINAL);
  }

  /** Whether a personal pronoun stands among the sentence's first three tokens. */
  private boolean opensWithPronoun(int sentence) {
    for (int i = sentenceStart[sentence]; i < Math.min(sentenceStart[sentence] + 3, sentenceEnd[sentence]); i++) {
      if (PRONOUNS.contains(lower(i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether every word of the sentence is inside a quotation. */
  private boolean onlyQuoted(int sentence) {
    for (int i = sentenceStart[sentence]; i < sentenceEnd[sentence]; i++) {
      if (!quoted[i] && WORD.matcher(toks.get(i).text()).find()) {
        return false;
      }
    }
    return true;
  }

  /** Each person's gender where the document writes a cue to it (Ms., Mr., congresswoman, spokesman): F or M. */
  private java.util.Map<String, Character> gender;

  private void genders() {
    if (gender != null) {
      return;
    }
    gender = new java.util.HashMap<>();
    for (Mention m : mentions) {
      if (m.entityId() == null || !m.type().equals("PERSON")) {
        continue;
      }
      List<String> cues = new ArrayList<>(m.descriptors() == null ? List.of() : m.descriptors());
      String first = m.surface().split("\\s+")[0].toLowerCase(Locale.ROOT);
      cues.add(first);
      for (String c : cues) {
        String last = c.substring(c.lastIndexOf(' ') + 1);
        if (FEMALE.contains(c) || FEMALE.contains(last)) {
          gender.putIfAbsent(m.entityId(), 'F');
        } else if (MALE.contains(c) || MALE.contains(last)) {
          gender.putIfAbsent(m.entityId(), 'M');
        }
      }
    }
  }

  /** Whether he or she may stand for the entity: no cue says otherwise. */
  private boolean agrees(String pronoun, String entityId) {
    Character g = gender.get(entityId);
    return g == null || (pronoun.equals("she") ? g == 'F' : g == 'M');
  }

}
