package org.framelens.corpus;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The matcher dispatches on a match's first character; its matches must be those of one plain alternation of every
 * form, written out here from the rule in {@link SelfReferences} (each form as written, title-cased or in capitals; a
 * "The" of any of those cases; a form with a dot or in lower case, a domain, in any case and with or without www.), on
 * random texts made of the forms' pieces.
 */
class OwnNamesTest {
  private static final List<String> FORMS = List.of("The Christian Science Monitor", "Christian Science Monitor",
      "The Monitor", "csmonitor.com", "csmonitor", "CSM", "Fox News", "Mr. Know", "Ö Ltd");

  @Test
  void findsWhatOneAlternationOfEveryFormFinds() {
    Pattern oracle = oracle(FORMS);
    OwnNames own = new OwnNames(FORMS);
    String[] pieces = {"the ", "The ", "THE ", "Christian ", "CHRISTIAN ", "Science ", "science ", "Monitor", "MONITOR",
        "monitor", " World", " Bank", "www.", "csmonitor", ".com", "CSMonitor", "CSM", "x", "@", ".", " ", "'s", "-", "\n",
        "Fox News", "FOX NEWS", "fox news", "Mr. Know", "MR. KNOW", "Ö Ltd", "ö ltd", "3", "é"};
    Random random = new Random(5);
    int found = 0;
    for (int round = 0; round < 5_000; round++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        b.append(pieces[random.nextInt(pieces.length)]);
      }
      String text = b.toString();
      List<String> expected = new ArrayList<>();
      Matcher m = oracle.matcher(text);
      while (m.find()) {
        expected.add(m.start() + "-" + m.end());
      }
      List<String> actual = new ArrayList<>();
      OwnNames.Matches n = own.in(text);
      while (n.find()) {
        actual.add(n.start() + "-" + n.end());
      }
      assertEquals(expected, actual, text);
      assertEquals(oracle.matcher(text).matches(), own.matches(text), text);
      found += expected.size();
    }
    assertTrue(found > 1_000, "the texts hold forms: " + found);
  }

  private static Pattern oracle(List<String> forms) {
    List<String> alts = new ArrayList<>();
    for (String f : forms) {
      if (f.contains(".") || f.equals(f.toLowerCase(java.util.Locale.ROOT))) {   // a domain, or a name with a dot
        alts.add("(?i:(?:www\\.)?" + Pattern.quote(f) + ")");
        continue;
      }
      boolean the = f.startsWith("The ");
      String core = the ? f.substring(4) : f;
      StringBuilder title = new StringBuilder();
      for (String w : core.split(" ", -1)) {
        title.append(title.length() > 0 ? " " : "").append(w.isEmpty() ? w
            : Character.toUpperCase(w.charAt(0)) + w.substring(1).toLowerCase(java.util.Locale.ROOT));
      }
      String a = (the ? "(?:[Tt]he |THE )" : "") + "(?:" + Pattern.quote(core) + "|" + Pattern.quote(title.toString())
          + "|" + Pattern.quote(core.toUpperCase(java.util.Locale.ROOT)) + ")";
      if (the && forms.stream().anyMatch(g -> g.length() > f.length() && g.endsWith(" " + core))) {
        a += "(?![ \u00a0]\\p{Lu})";
      }
      alts.add(a);
    }
    return Pattern.compile("(?<![\\p{L}\\p{N}@.])(?:" + String.join("|", alts) + ")(?![\\p{L}\\p{N}])");
  }
}
