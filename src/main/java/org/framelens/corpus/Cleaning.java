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
  private static final Pattern INLINE_SPACE = Pattern.compile("[ \\t\\u00a0\\u2000-\\u200a\\u202f\\u205f\\u3000\\f\\x0B]+");
  private static final Pattern INVISIBLE = Pattern.compile("[\\u200b\\u200c\\u200d\\u2060\\ufeff\\u00ad]");
  private static final Pattern LINE_ENDS = Pattern.compile("\\r\\n?|\\u2028|\\u2029|\\u0085");
  private static final Pattern SPACE_AROUND_NEWLINE = Pattern.compile(" *\\n *");
  private static final Pattern MANY_NEWLINES = Pattern.compile("\\n{3,}");

  /**
   * HTML tags removed and entities decoded by Lucene's HTMLStripCharFilter (block elements become line breaks),
   * then whitespace normalised: one space inside lines, no invisible characters, at most one blank line.
   */
  public static final UDF1<String, Row> MARKUP = text -> {
    if (text == null) {
      return RowFactory.create(null, 0);
    }
    String stripped = text;
    if (MARKUP_HINT.matcher(text).find()) {
      stripped = stripHtml(text);
    }
    int markup = Math.max(0, text.length() - stripped.length());
    return RowFactory.create(normaliseSpace(stripped), markup);
  };

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

  static String normaliseSpace(String text) {
    String t = LINE_ENDS.matcher(text).replaceAll("\n");
    t = INVISIBLE.matcher(t).replaceAll("");
    t = INLINE_SPACE.matcher(t).replaceAll(" ");
    t = SPACE_AROUND_NEWLINE.matcher(t).replaceAll("\n");
    t = MANY_NEWLINES.matcher(t).replaceAll("\n\n");
    return t.strip();
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
