package org.framelens.entities;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a text labels an actor at one mention, from the part-of-speech tags around it (no parser: a full
 * constituency parse would cost many times the NER; these patterns cover the forms news text uses):
 * <ul>
 *   <li>pre-modifiers and titles: the adjectives, nouns, participles and titles right before the name ("coup
 *       President Dina Boluarte" -> "coup president", "de facto president", "Defense Minister Gustavo Bobbio");</li>
 *   <li>an appositive after a person's or organisation's name (for a person, one that holds a title or role noun): ", a former agent of the CIA," -> "a former agent of the cia", up to the next
 *       comma, parenthesis, sentence end or relative pronoun, rejected when a finite verb or another person comes
 *       first;</li>
 *   <li>an appositive before a person's name, holding a title or role noun: "the vice-president, Dina Boluarte" -> "the vice-president": a noun phrase
 *       opened by a determiner or possessive and closed by the comma before the name, not fronted by a
 *       sentence-initial preposition ("In the capital, Boluarte said" is not one).</li>
 * </ul>
 * Descriptors are lower-cased text spans of the document, whitespace collapsed. Place names get none: the words
 * before them mostly narrow the place ("southern Peru"). Nor does a name that modifies a following noun or title.
 */
final class Descriptors {
  private Descriptors() {}

  private static final int MAX_PRE = 6;
  private static final int MAX_APPOSITIVE = 12;
  private static final Set<String> MODIFIER_TAGS = Set.of("JJ", "JJR", "JJS", "NN", "NNS", "VBN", "FW", "HYPH");
  /** Nouns that are not labels: a date or time word before a name ("Monday President X"). */
  private static final Set<String> NOT_LABELS = Set.of("yesterday", "today", "tonight", "tomorrow", "now", "then",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
      "april", "may", "june", "july", "august", "september", "october", "november", "december", "week", "year",
      "month", "morning", "evening", "night", "time", "day", "s");
  private static final Set<String> OPENERS = Set.of("DT", "PRP$");
  private static final Set<String> APPOSITIVE_ADVERBS = Set.of("then", "now", "formerly", "currently", "once", "also");
  private static final Set<String> FINITE_VERBS = Set.of("VB", "VBD", "VBP", "VBZ", "MD");
  private static final Set<String> CLOSERS = Set.of(",", ".", ":", "-LRB-", "-RRB-", "``", "''", ";", "--", "\u2014", "\u2013", "!", "?");

  static List<String> of(String text, DocumentEntities.Tokens t, int start, int nameStart, int end, int[] mentionAt,
      String[] types) {
    List<String> out = new ArrayList<>(2);
    int sentence = t.sentence[start];
    int first = t.sentenceStart[sentence];
    int last = t.sentenceEnd[sentence];
    int self = mentionAt[start];
    String type = types[self];
    if (Names.LOCATION.equals(type)) {
      return out;   // before a place name, adjectives mostly narrow the place ("southern Peru"), they do not label it
    }
    if (end < last && (("NN".equals(t.tag[end]) || "NNS".equals(t.tag[end])) && Character.isLowerCase(t.word[end].charAt(0))
        || Names.isTitle(t.word[end]))) {
      return out;   // the name modifies a noun ("a Castillo supporter", "former U.S. Attorney"): nothing labels it
    }

    // Pre-modifiers and titles, walking left from the name proper.
    int from = nameStart;
    boolean title = false;
    while (from > first && nameStart - from < MAX_PRE) {
      int k = from - 1;
      if (mentionAt[k] >= 0 && mentionAt[k] != self) {
        break;
      }
      String w = Names.word(t.word[k]);
      String tag = t.tag[k];
      boolean isTitle = Names.TITLES.contains(w) && !"DT".equals(tag);
      boolean proper = "NNP".equals(tag) || "NNPS".equals(tag);
      if (NOT_LABELS.contains(w)) {
        break;
      } else if (isTitle) {
        title = true;
      } else if (MODIFIER_TAGS.contains(tag) && !Character.isUpperCase(t.word[k].charAt(0))) {
        // a lower-case adjective, noun or participle: "coup", "de facto", "ousted"
      } else if (!(title && (proper || MODIFIER_TAGS.contains(tag)))) {
        break;   // a capitalised word only before a title belongs to it: "Defense Minister"
      }
      from = k;
    }
    // Without a title, the word next to the name must be an adjective or a noun that names a role ("activist",
    // "lawyer"): "the last phone call Castillo took" labels nobody.
    if (from < nameStart && (title || t.tag[nameStart - 1].startsWith("JJ") || isRole(Names.word(t.word[nameStart - 1])))) {
      out.add(span(text, t, from, nameStart));
    }

    // Appositive after: "Lisa Kenna, a former agent of the CIA, ..." (persons and organisations: after a place, a
    // comma mostly starts a list or the rest of the sentence).
    boolean person = Names.PERSON.equals(type);
    if (end < last - 1 && ",".equals(t.word[end])) {
      int k = end + 1;
      String tag = t.tag[k];
      if (OPENERS.contains(tag) || tag.startsWith("JJ") || "NN".equals(tag) || "NNS".equals(tag) || "VBN".equals(tag)
          || APPOSITIVE_ADVERBS.contains(t.word[k].toLowerCase(Locale.ROOT))) {
        boolean hasNoun = false;
        int j = k;
        boolean ok = false;
        for (; j < last && j - k <= MAX_APPOSITIVE; j++) {
          String tg = t.tag[j];
          if (CLOSERS.contains(t.word[j]) || CLOSERS.contains(tg) || tg.startsWith("W")) {
            ok = true;
            break;
          }
          if (FINITE_VERBS.contains(tg) || mentionAt[j] >= 0 && Names.PERSON.equals(types[mentionAt[j]])) {
            break;
          }
          hasNoun |= tg.startsWith("NN") && !"NNP".equals(tg) || Names.isTitle(t.word[j]);
        }
        if (j == last && j - k <= MAX_APPOSITIVE) {
          ok = true;
        }
        if (ok && hasNoun && j > k && (!person || hasRole(t, k, j))) {
          out.add(span(text, t, k, j));
        }
      }
    }

    // Appositive before: "the vice-president, Dina Boluarte" (persons only: "the protests in Lima, Peru" is not one).
    if (person && start - 2 >= first && ",".equals(t.word[start - 1])) {
      int k = start - 2;
      boolean hasNoun = false;
      int opener = -1;
      while (k >= first && start - 1 - k <= MAX_APPOSITIVE) {
        String tg = t.tag[k];
        if (mentionAt[k] >= 0 && Names.PERSON.equals(types[mentionAt[k]])) {
          break;
        }
        if (OPENERS.contains(tg)) {
          opener = k;
          break;
        }
        if (FINITE_VERBS.contains(tg) || CLOSERS.contains(t.word[k]) || CLOSERS.contains(tg) || "CC".equals(tg)
            || tg.startsWith("W") || tg.startsWith("RB") || "PRP".equals(tg)) {
          break;
        }
        hasNoun |= tg.startsWith("NN") && mentionAt[k] < 0 || Names.isTitle(t.word[k]);
        k--;
      }
      boolean frontedByPreposition = opener > first && "IN".equals(t.tag[opener - 1]) && opener - 1 == first;
      if (opener >= 0 && hasNoun && opener < start - 2 && !frontedByPreposition && hasRole(t, opener, start - 1)) {
        out.add(span(text, t, opener, start - 1));
      }
    }
    return out;
  }

  private static final String[] ROLE_ENDINGS = {"ist", "er", "or", "ian", "ant", "ent", "ee", "man", "woman", "ate",
      "ar", "eur", "ive", "at", "ess"};
  private static final Set<String> ROLE_WORDS = Set.of("leader", "chief", "head", "aide", "envoy", "official", "expert",
      "spokesperson", "boss", "strongman", "czar", "tsar", "star", "icon", "hero", "dictator", "tycoon", "magnate",
      "mogul", "ally", "rival", "nominee", "incumbent", "colleague", "counterpart", "successor", "predecessor", "rebel",
      "militant", "fugitive", "suspect", "convict", "victim", "analyst", "economist", "lawmaker", "legislator",
      "staff", "guru", "heir", "widow", "son", "daughter", "wife", "husband", "brother", "sister", "mother", "father",
      "friend", "coach", "champion", "veteran", "agent", "critic", "activist", "candidate", "politician", "member",
      "figure", "fan", "personality", "celebrity", "loyalist", "confidant", "protege", "mentor", "nephew", "niece",
      "cousin", "grandson", "granddaughter", "uncle", "aunt", "spouse", "partner", "founder", "owner", "graduate");

  /** Common nouns with an agent-like ending that name things, not people ("an offer", "the government"). */
  private static final Set<String> NOT_ROLES = Set.of("offer", "order", "number", "letter", "paper", "matter", "power",
      "water", "border", "center", "centre", "corner", "chapter", "error", "factor", "sector", "floor", "door", "after",
      "other", "event", "moment", "statement", "government", "parliament", "department", "movement", "agreement",
      "document", "comment", "element", "percent", "content", "incident", "segment", "equipment", "management",
      "development", "environment", "treatment", "payment", "investment", "argument", "instrument", "amendment",
      "settlement", "establishment", "announcement", "plant", "grant", "restaurant", "chart", "state", "estate",
      "debate", "climate", "mandate", "senate", "year", "war", "car", "bar", "weather", "summer", "winter", "murder",
      "shelter", "cancer", "answer", "computer", "register", "disaster");

  /** A noun that names what someone is or does: hand-picked words and agent-noun endings (no lexicon offers this). */
  static boolean isRole(String w) {
    if (ROLE_WORDS.contains(w) || Names.TITLES.contains(w)) {
      return true;
    }
    int dash = w.lastIndexOf('-');
    String head = dash >= 0 ? w.substring(dash + 1) : w;
    if (ROLE_WORDS.contains(head) || Names.TITLES.contains(head)) {
      return true;
    }
    if (NOT_ROLES.contains(head)) {
      return false;
    }
    for (String e : ROLE_ENDINGS) {
      if (head.length() > e.length() + 2 && head.endsWith(e)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A person's appositive must say what the person is: a title or role noun in it ("a former agent of the CIA"),
   * which a noun phrase that merely precedes or follows the name after a comma ("a military cemetery in France, Trump
   * ...") lacks.
   */
  private static boolean hasRole(DocumentEntities.Tokens t, int from, int to) {
    for (int k = from; k < to; k++) {
      if (t.tag[k].startsWith("NN") && isRole(Names.word(t.word[k]))) {
        return true;
      }
    }
    return false;
  }

  private static String span(String text, DocumentEntities.Tokens t, int from, int to) {
    return DocumentEntities.collapse(text.substring(t.begin[from], t.end[to - 1])).toLowerCase(Locale.ROOT);
  }
}
