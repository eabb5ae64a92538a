package org.framelens.corpus;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Record-level cleaning: markup, whitespace, dates, outlet names. Boilerplate needs the whole outlet: see Ingest. */
public final class Cleaning {
  private Cleaning() {}

  public static final StructType MARKUP_RESULT = new StructType()
      .add("text", DataTypes.StringType, true)
      .add("markup_chars", DataTypes.IntegerType, false);

  private static final Pattern MARKUP_HINT = Pattern.compile("<[A-Za-z/!?]|&(#?[A-Za-z0-9]{1,8});");

  /**
   * HTML tags removed and entities decoded by Lucene's HTMLStripCharFilter (block elements become line breaks),
   * then whitespace normalised: one space inside lines, no invisible characters, at most one blank line.
   */
  public static final UDF1<String, Row> MARKUP = text -> {
    if (text == null) {
      return RowFactory.create(null, 0);
    }
    String stripped = text;
    if ((text.indexOf('<') >= 0 || text.indexOf('&') >= 0) && MARKUP_HINT.matcher(text).find()) {
      stripped = stripHtml(text);
    }
    int markup = Math.max(0, text.length() - stripped.length());
    return RowFactory.create(normaliseSpace(stripped), markup);
  };

  /**
   * A space restored where a page lost it between two sentences or after a label: "said.The" becomes "said. The",
   * "More:White House" becomes "More: White House". Only after two lower-case letters and before a capital and a
   * lower-case letter, so abbreviations ("U.S.Army", "Ph.D"), times, decimals and (with links already removed) hosts
   * keep their form. Without it a tokenizer reads "said.the" and "more:trump" as words of their own.
   */
  public static final UDF1<String, String> SENTENCE_SPACE = Cleaning::sentenceSpace;

  static String sentenceSpace(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    int from = 0;
    for (int i = 2; i + 2 < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '.' || c == ':' || c == '!' || c == '?') && Character.isLowerCase(text.charAt(i - 1))
          && Character.isLowerCase(text.charAt(i - 2)) && Character.isUpperCase(text.charAt(i + 1))
          && Character.isLowerCase(text.charAt(i + 2))) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16);
        }
        out.append(text, from, i + 1).append(' ');
        from = i + 1;
      }
    }
    return out == null ? text : out.append(text, from, text.length()).toString();
  }

  static String stripHtml(String text) {
    try (HTMLStripCharFilter in = new HTMLStripCharFilter(new StringReader(text))) {
      StringBuilder out = new StringBuilder(text.length());
      char[] buf = new char[8192];
      for (int n; (n = in.read(buf)) != -1; ) {
        out.append(buf, 0, n);
      }
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);   // StringReader does not fail
    }
  }

  /**
   * One pass over the characters (five regular-expression passes cost more than the rest of ingest): line ends
   * unified to \n, invisible characters (zero-width, soft hyphen, BOM) dropped, runs of horizontal space made one
   * space, spaces around line breaks removed, three or more line breaks made two, ends stripped.
   */
  static String normaliseSpace(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int newlines = 0;        // line breaks pending since the last visible character
    boolean space = false;   // horizontal space pending
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        newlines++;
        space = false;
      } else if (c == '\u200b' || c == '\u200c' || c == '\u200d' || c == '\u2060' || c == '\ufeff' || c == '\u00ad') {
        continue;
      } else if (c == ' ' || c == '\t' || c == '\u00a0' || c == '\f' || c == '\u000b' || (c >= '\u2000' && c <= '\u200a')
          || c == '\u202f' || c == '\u205f' || c == '\u3000') {
        space = newlines == 0;
      } else {
        if (out.length() > 0) {
          if (newlines > 0) {
            out.append(newlines >= 2 ? "\n\n" : "\n");
          } else if (space) {
            out.append(' ');
          }
        }
        newlines = 0;
        space = false;
        out.append(c);
      }
    }
    return out.toString();
  }

  private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
      DateTimeFormatter.ISO_LOCAL_DATE,
      new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("MMMM d, uuuu").toFormatter(Locale.ENGLISH),
      new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("MMM d, uuuu").toFormatter(Locale.ENGLISH),
      new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("d MMMM uuuu").toFormatter(Locale.ENGLISH),
      DateTimeFormatter.ofPattern("dd.MM.uuuu"),
      DateTimeFormatter.ofPattern("uuuu/MM/dd"));

  /** A publication date, or null when the value is absent or in none of the accepted forms. */
  public static final UDF1<String, Date> DATE = raw -> {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String s = raw.strip();
    try {
      return Date.valueOf(OffsetDateTime.parse(s).toLocalDate());
    } catch (DateTimeParseException ignored) {
      // not a timestamp with offset: try the next form
    }
    try {
      return Date.valueOf(LocalDateTime.parse(s).toLocalDate());
    } catch (DateTimeParseException ignored) {
      // not a local timestamp
    }
    for (DateTimeFormatter f : DATE_FORMATS) {
      try {
        return Date.valueOf(LocalDate.parse(s, f));
      } catch (DateTimeParseException ignored) {
        // next form
      }
    }
    return null;
  };
}
