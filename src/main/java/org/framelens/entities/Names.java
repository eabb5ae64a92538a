package org.framelens.entities;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * How names are compared: accent and case folding, titles and honorifics, pronouns, and the stable entity ids built
 * from a normalised name. Hand-written because no library offers name keys for alias matching; ICU/Lucene fold
 * accents but know nothing of titles or possessives.
 */
public final class Names {
  private Names() {}

  public static final String PERSON = "PERSON";
  public static final String ORGANIZATION = "ORGANIZATION";
  public static final String LOCATION = "LOCATION";
  /** A collective actor ("protesters", "Republican lawmakers"): from {@link CollectiveActors}, not from NER. */
  public static final String GROUP = "GROUP";
  public static final Set<String> TYPES = Set.of(PERSON, ORGANIZATION, LOCATION);

  /**
   * Titles and honorifics removed from the front of a person's name ("President Castillo" -> "Castillo"), folded and
   * without their final period. They count as descriptors of the mention.
   */
  static final Set<String> TITLES = Set.of(
      "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "madam", "madame",
      "gen", "general", "lt", "lieutenant", "col", "colonel", "maj", "major", "capt", "captain", "sgt", "sergeant",
      "cpl", "corporal", "adm", "admiral", "cmdr", "commander", "brig", "brigadier", "marshal", "field",
      "gov", "governor", "sen", "senator", "rep", "representative", "congressman", "congresswoman", "del", "delegate",
      "pres", "president", "vice-president", "vice", "vp", "premier", "chancellor", "minister", "prime",
      "secretary", "sec", "ambassador", "amb", "attorney", "judge", "justice", "chief", "mayor", "speaker",
      "chairman", "chairwoman", "chair", "king", "queen", "prince", "princess", "emperor", "sheikh", "ayatollah",
      "pope", "cardinal", "archbishop", "bishop", "rev", "reverend", "father", "fr", "rabbi", "imam", "saint",
      "first", "comrade", "comandante", "presidente", "senor", "senora", "don", "dona", "hon", "honorable", "st");

  /** Generational suffixes: part of a name, but a name without one is not a short form of a name with one. */
  static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv");

  /** Pronouns are never mentions, whatever the tagger or a dictionary pattern says. */
  static final Set<String> PRONOUNS = Set.of(
      "i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself", "yourselves", "he", "him", "his",
      "himself", "she", "her", "hers", "herself", "it", "its", "itself", "we", "us", "our", "ours", "ourselves",
      "they", "them", "their", "theirs", "themselves", "who", "whom", "whose", "this", "that", "these", "those");

  /** Accents removed (José -> Jose), keeping the letters. Fast path for plain ASCII. */
  public static String fold(String s) {
    boolean ascii = true;
    for (int i = 0; i < s.length() && ascii; i++) {
      ascii = s.charAt(i) < 128;
    }
    if (ascii) {
      return s;
    }
    String d = Normalizer.normalize(s, Normalizer.Form.NFD);
    StringBuilder b = new StringBuilder(d.length());
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      if (Character.getType(c) != Character.NON_SPACING_MARK) {
        b.append(switch (c) {
          case '\u2019', '\u2018', '\u02bc' -> '\'';
          case '\u2010', '\u2011', '\u2013' -> '-';
          default -> c;
        });
      }
    }
    return Normalizer.normalize(b, Normalizer.Form.NFC);
  }

  /** One token as matched against titles, pronouns and suffixes: folded, lower case, without a final period. */
  static String word(String token) {
    String w = fold(token).toLowerCase(Locale.ROOT);
    return w.endsWith(".") && w.length() > 1 ? w.substring(0, w.length() - 1) : w;
  }

  static boolean isTitle(String token) {
    return TITLES.contains(word(token));
  }

  static boolean isPronoun(String token) {
    if (token.length() > 1 && token.equals(token.toUpperCase(Locale.ROOT))) {
      return false;   // "US", "IT": an acronym, not the pronoun
    }
    return PRONOUNS.contains(fold(token).toLowerCase(Locale.ROOT));
  }

  /**
   * The matching key of a name as written: accents and case folded, periods dropped (U.S. = US), possessive
   * removed, whitespace collapsed, and for organisations and places a leading "the" dropped.
   */
  public static String key(String name, String type) {
    String s = fold(name).toLowerCase(Locale.ROOT).replace(".", "");
    StringBuilder b = new StringBuilder(s.length());
    for (String t : s.trim().split("\\s+")) {
      if (!t.isEmpty()) {
        b.append(b.length() == 0 ? "" : " ").append(t);
      }
    }
    String k = stripPossessive(b.toString());
    if (!PERSON.equals(type) && k.startsWith("the ") && k.length() > 4) {
      k = k.substring(4);
    }
    return k;
  }

  static String stripPossessive(String s) {
    if (s.endsWith("'s") || s.endsWith("\u2019s")) {
      return s.substring(0, s.length() - 2).stripTrailing();
    }
    if (s.endsWith("'") || s.endsWith("\u2019")) {
      return s.substring(0, s.length() - 1).stripTrailing();
    }
    return s;
  }

  /** The words of a key that identify a person, generational suffixes left out. */
  static String[] nameWords(String key) {
    String[] w = key.split(" ");
    int n = w.length;
    while (n > 1 && SUFFIXES.contains(w[n - 1])) {
      n--;
    }
    return n == w.length ? w : java.util.Arrays.copyOf(w, n);
  }

  /** True when {@code shortKey}'s name words are a contiguous, strictly shorter run of {@code fullKey}'s. */
  static boolean isShortFormOf(String shortKey, String fullKey) {
    String[] s = nameWords(shortKey);
    String[] f = nameWords(fullKey);
    if (s.length >= f.length) {   // "Donald Trump" is not a short form of "Donald Trump Jr."
      return false;
    }
    outer:
    for (int i = 0; i + s.length <= f.length; i++) {
      for (int j = 0; j < s.length; j++) {
        if (!f[i + j].equals(s[j])) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** Stable id of an entity: its type and normalised canonical key, e.g. {@code per:pedro_castillo}. */
  public static String entityId(String type, String key) {
    String prefix = switch (type) {
      case PERSON -> "per";
      case ORGANIZATION -> "org";
      case LOCATION -> "loc";
      default -> throw new IllegalArgumentException("unknown entity type " + type);
    };
    return prefix + ":" + key.replace(' ', '_');
  }
}
