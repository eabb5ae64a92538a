package org.framelens.text;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.text.FilteredBreakIteratorBuilder;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;

/**
 * Paragraphs and sentences. Sentences come from ICU's rule-based sentence break iterator, filtered with CLDR's English
 * abbreviation list plus the titles news text puts before names ("Gen. Williams", "Sen. Warren").
 */
public final class Segmenter {
  private Segmenter() {}

  private static final String[] TITLE_ABBREVIATIONS = {
      "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Sgt.", "Adm.", "Cmdr.", "Gov.", "Sen.", "Rep.", "Pres.", "Amb.",
      "Sec.", "Rev.", "Hon.", "Prof.", "Dr.", "Mr.", "Mrs.", "Ms.", "St.", "Ft.", "Mt.", "No.", "Nos.", "Vol.", "Art."};


  // BreakIterators keep state: one per thread (Spark runs several tasks per executor JVM).
  private static final ThreadLocal<BreakIterator> SENTENCES = ThreadLocal.withInitial(() -> {
    FilteredBreakIteratorBuilder builder = FilteredBreakIteratorBuilder.getInstance(ULocale.ENGLISH);
    for (String abbreviation : TITLE_ABBREVIATIONS) {
      builder.suppressBreakAfter(abbreviation);
    }
    return builder.wrapIteratorWithFilter(BreakIterator.getSentenceInstance(ULocale.ENGLISH));
  });

  /**
   * Paragraphs are separated by blank lines, and single line breaks inside one are wrapped lines, joined with a
   * space. A text without any blank line is taken to hold one paragraph per line.
   */
  public static List<String> paragraphs(String text) {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    boolean blankLines = false;
    for (String line : lines) {
      if (line.isBlank()) {
        blankLines = true;
        break;
      }
    }
    List<String> out = new ArrayList<>();
    StringBuilder p = new StringBuilder();
    for (String line : lines) {
      String l = line.strip();
      if (l.isEmpty() || !blankLines) {
        flush(p, out);
      }
      if (!l.isEmpty()) {
        p.append(p.length() == 0 ? "" : " ").append(l);
      }
    }
    flush(p, out);
    return out;
  }

  private static void flush(StringBuilder p, List<String> out) {
    if (p.length() > 0) {
      out.add(p.toString());
      p.setLength(0);
    }
  }

  /** Start offsets of the sentences of one paragraph, plus its length as the last element. */
  public static int[] sentenceBounds(String paragraph) {
    BreakIterator it = SENTENCES.get();
    it.setText(paragraph);
    int[] bounds = new int[8];
    int n = 0;
    for (int b = it.first(); b != BreakIterator.DONE; b = it.next()) {
      if (n == bounds.length) {
        bounds = java.util.Arrays.copyOf(bounds, n * 2);
      }
      bounds[n++] = b;
    }
    return java.util.Arrays.copyOf(bounds, n);
  }

  public static List<String> sentences(String paragraph) {
    int[] b = sentenceBounds(paragraph);
    List<String> out = new ArrayList<>();
    for (int i = 0; i + 1 < b.length; i++) {
      String s = paragraph.substring(b[i], b[i + 1]).strip();
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }
}
