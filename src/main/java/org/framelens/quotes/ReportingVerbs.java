package org.framelens.quotes;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.framelens.pipeline.FramelensException;
import org.framelens.pipeline.SideFile;

/**
 * The reporting-verb lexicon (a documented, replaceable resource: the bundled {@code reporting-verbs.txt}, or
 * --reporting-verbs): each written form, one or two words, to its lemma, and whether it also introduces indirect
 * speech or only attributes a quotation in marks.
 */
public final class ReportingVerbs implements Serializable {
  public record Verb(String lemma, boolean indirect) implements Serializable {}

  private final Map<String, Verb> forms;
  /** Every form's first word: a two-word form ("pointed out") is looked up only where its first word stands. */
  private final Map<String, Integer> firstWords;

  private ReportingVerbs(Map<String, Verb> forms) {
    this.forms = Map.copyOf(forms);
    Map<String, Integer> first = new HashMap<>();
    forms.keySet().forEach(f -> first.merge(f.split(" ")[0], f.split(" ").length, Math::max));
    this.firstWords = Map.copyOf(first);
  }

  /** The bundled lexicon, or the file at {@code path} (local, hdfs://, s3a://). */
  public static ReportingVerbs load(String path, Configuration conf) {
    return parse(path == null ? "reporting-verbs.txt" : path,
        SideFile.lines(path, ReportingVerbs.class, "reporting-verbs.txt", "the reporting-verb list", conf));
  }

  static ReportingVerbs parse(String source, List<String> lines) {
    Map<String, Verb> forms = new HashMap<>();
    int n = 0;
    for (String line : lines) {
      n++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int colon = l.indexOf(':');
      if (colon <= 0) {
        throw new FramelensException(source + " line " + n + ": expected 'lemma: form form ...', got '" + line + "'");
      }
      String lemma = l.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String rest = l.substring(colon + 1);
      boolean indirect = true;
      int bar = rest.indexOf('|');
      if (bar >= 0) {
        if (!rest.substring(bar + 1).strip().equals("marked")) {
          throw new FramelensException(source + " line " + n + ": after '|' only 'marked' is allowed, got '" + line + "'");
        }
        indirect = false;
        rest = rest.substring(0, bar);
      }
      String formsText = rest.strip().toLowerCase(Locale.ROOT);
      if (formsText.isEmpty()) {
        throw new FramelensException(source + " line " + n + ": no form for '" + lemma + "'");
      }
      // The forms of a two-word lemma ("according to", "point out") are two words each; else one word each.
      String[] words = formsText.split("\\s+");
      int size = lemma.split("\\s+").length;
      if (size > 2 || words.length % size != 0) {
        throw new FramelensException(source + " line " + n + ": the forms of '" + lemma + "' must be of " + size + " word(s) each (one or two words)");
      }
      for (int i = 0; i < words.length; i += size) {
        forms.put(size == 1 ? words[i] : words[i] + " " + words[i + 1], new Verb(lemma, indirect));
      }
    }
    if (forms.isEmpty()) {
      throw new FramelensException(source + ": no reporting verb in it");
    }
    return new ReportingVerbs(forms);
  }

  /** The verb whose form is {@code one} (lower case), or {@code one two} for a two-word form; null when neither. */
  Verb of(String one, String two) {
    Integer longest = firstWords.get(one);
    if (longest == null) {
      return null;
    }
    if (longest == 2 && two != null) {
      Verb v = forms.get(one + " " + two);
      if (v != null) {
        return v;
      }
    }
    return forms.get(one);
  }

  /** Whether the two words form a two-word verb (their second word is then part of the verb). */
  boolean twoWords(String one, String two) {
    return two != null && forms.containsKey(one + " " + two);
  }
}
