package org.framelens.corpus;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One outlet's names for itself (see {@link SelfReferences}) as a matcher: each form in the cases a text writes it,
 * set apart from the words around it. One regular expression of every form, tried at every capital of every text,
 * tried each of CNN's 78 forms there in turn; here the character a match must start with picks the few forms that
 * can start with it, in the same order, so the matches are the ones the whole alternation finds, in a fraction of the
 * time (Java's regex engine does not dispatch an alternation on its first character itself).
 */
final class OwnNames implements Serializable {
  private static final String BEFORE = "(?<![\\p{L}\\p{N}@.])";
  private static final String AFTER = "(?![\\p{L}\\p{N}])";

  /** The first character of a match to the forms, in their order, that can start with it: ASCII by index. */
  private final Pattern[] ascii = new Pattern[128];
  private final Map<Character, Pattern> byFirst;

  OwnNames(List<String> forms) {
    Map<Character, List<String>> alternatives = new LinkedHashMap<>();
    for (String f : forms) {
      Set<Character> first = new LinkedHashSet<>();
      String alternative = alternative(f, forms, first);
      first.forEach(c -> alternatives.computeIfAbsent(c, k -> new ArrayList<>()).add(alternative));
    }
    byFirst = new HashMap<>();
    alternatives.forEach((c, alts) ->
        byFirst.put(c, Pattern.compile(BEFORE + "(?:" + String.join("|", alts) + ")" + AFTER)));
    byFirst.forEach((c, p) -> {
      if (c < 128) {
        ascii[c] = p;
      }
    });
  }

  /** A form as its alternative of the expression, and the characters a match can start with, into first. */
  private static String alternative(String f, List<String> forms, Set<Character> first) {
    if (f.contains(".") || f.equals(f.toLowerCase(Locale.ROOT))) {   // a domain or its label: any case
      first.addAll(List.of('w', 'W', Character.toLowerCase(f.charAt(0)), Character.toUpperCase(f.charAt(0)), f.charAt(0)));
      return "(?i:(?:www\\.)?" + Pattern.quote(f) + ")";
    }
    boolean the = f.startsWith("The ");
    String core = the ? f.substring(4) : f;
    Set<String> cases = new LinkedHashSet<>(List.of(core, titleCase(core), core.toUpperCase(Locale.ROOT)));
    if (the) {
      first.addAll(List.of('T', 't'));
    } else {
      cases.forEach(c -> first.add(c.charAt(0)));
    }
    StringBuilder a = new StringBuilder(the ? "(?:[Tt]he |THE )(?:" : "(?:");
    a.append(String.join("|", cases.stream().map(Pattern::quote).toList())).append(')');
    if (the && forms.stream().anyMatch(g -> g.length() > f.length() && g.endsWith(" " + core))) {
      a.append("(?![ \u00a0]\\p{Lu})");   // a short form: "the Monitor", never "the World Bank" or "the Post Office"
    }
    return a.toString();
  }

  private static String titleCase(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean start = true;
    for (char c : s.toCharArray()) {
      b.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
      start = c == ' ';
    }
    return b.toString();
  }

  /** The matches in a text, left to right, none overlapping: what find() of the whole alternation returns. */
  final class Matches {
    private final String text;
    private final Map<Pattern, Matcher> matchers = new HashMap<>();
    private int from;
    private int start = -1;
    private int end = -1;

    private Matches(String text) {
      this.text = text;
    }

    boolean find() {
      for (int at = from; at < text.length(); at++) {
        char c = text.charAt(at);
        Pattern p = c < 128 ? ascii[c] : byFirst.get(c);
        if (p == null || at > 0 && cannotFollow(text.charAt(at - 1))) {
          continue;
        }
        Matcher m = matchers.computeIfAbsent(p, q -> q.matcher(text).useTransparentBounds(true));
        if (m.region(at, text.length()).lookingAt()) {
          start = at;
          end = m.end();
          from = end > at ? end : at + 1;
          return true;
        }
      }
      from = text.length();
      return false;
    }

    int start() {
      return start;
    }

    int end() {
      return end;
    }
  }

  /** A character a match never follows (the expression's lookbehind, for the characters it surely rejects). */
  private static boolean cannotFollow(char c) {
    return c == '@' || c == '.' || Character.isLetter(c) || Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER;
  }

  Matches in(String text) {
    return new Matches(text);
  }

  /** Whether the whole of s is one of the forms. */
  boolean matches(String s) {
    Pattern p = s.isEmpty() ? null : byFirst.get(s.charAt(0));
    return p != null && p.matcher(s).matches();
  }
}
