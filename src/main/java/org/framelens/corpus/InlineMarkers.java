package org.framelens.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What a page embeds in the article's lines without being the article's words: links, e-mail addresses,
 * social-media handles, the markers of embedded posts and their signature lines, name cards, a transcript's speaker
 * labels and stage directions, and a clock time's zone. They are removed at ingest (each kind can be kept with
 * --keep-markers) and recorded, so that removed_text shows what went: a link by its host, an address by its domain, a
 * handle and a marker as written (lower-cased). Written by hand: these are regular forms of the web, not language, and
 * no text library removes them while reporting what it removed.
 */
public final class InlineMarkers {
  private InlineMarkers() {}

  /**
   * The kinds, in the order they are matched (a post's signature before the handle inside it, an address before the
   * handle inside it, a link before its host).
   */
  public enum Kind { signature, email, url, handle, embed, card, label, direction, zone }

  public static final StructType RESULT = new StructType()
      .add("text", DataTypes.StringType, true)
      .add("removed", DataTypes.createArrayType(new StructType()
          .add("kind", DataTypes.StringType, false)
          .add("text", DataTypes.StringType, false), false), false);

  /** The top-level domains of a host written without a scheme or a path ("video.foxnews.com"). */
  private static final String[] TLDS = "com org net gov edu co uk us io tv ly me news".split(" ");
  /** Starting where a run of its characters starts: tried at every character of a word, it scanned the word each time. */
  private static final String EMAIL = "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}";
  /**
   * A scheme or www. link, a host with a path (pic.twitter.com/x, usat.ly/2x, t.co/x), or a host of three labels or
   * more in lower case ("video.foxnews.com", an embed's residue): not a bare domain name, which prose writes
   * ("Foxnews.com reported", "foxnews.com" as an outlet names itself).
   */
  private static final String URL = "(?:https?://|www\\.)[^\\s<>\"]+|\\b(?:[A-Za-z0-9-]+\\.)+[A-Za-z]{2,}/[^\\s<>\"]*"
      + "|\\b[a-z0-9-]+\\.(?:[a-z0-9-]+\\.)+(?:" + String.join("|", TLDS) + ")\\b(?![.\\w-])";
  /** @ and a name of letters, digits and '_' (Twitter's 15, Instagram's 30), not inside a word or an address. */
  private static final String HANDLE = "(?<![\\w@.])@[A-Za-z0-9_]{1,30}\\b";
  /** Markers scrapers leave where a post was embedded. */
  private static final String EMBED = "(?i)\\b(?=e)(?:embedtweet|embedded tweet|embed tweet|embedinstagram)\\b";
  /**
   * The line an embedded post signs with: a dash, the author's display name, the handle in brackets and the date,
   * "— Guy Benson (@guypbenson) November 30, 2017". The name and date are the embed's, not the article's words (in
   * an outlet that embeds its own writers' posts they are its most distinctive terms); the post's own text stays.
   */
  private static final String SIGNATURE = "(?:[\u2014\u2013]|--)[ \u00a0]*[^\n\u2014\u2013()@]{1,60}?[ \u00a0]*\\("
      + HANDLE + "\\)[ \u00a0]*(?:January|February|March|April|May|June|July|August|September|October|November|December)"
      + " \\d{1,2}, \\d{4}";
  /** A word of a full name: capitalised, or a nickname in brackets ("Charles (Chuck) Ellis Schumer"). */
  private static final String NAME_WORD = "(?:\\p{Lu}[\\p{L}.'\u2019-]*|\\(\\p{Lu}[\\p{L}.'\u2019-]*\\))";
  /**
   * A name card a page inserts after a person's name (The Hill's hover cards): the surname as shown, the person's full
   * name ending in that surname again and run into the card's first headline, then the card's headlines up to its
   * "MORE" link on the same line: "President Trump Donald John TrumpGOP senators balk at ... MORE faces". A full
   * name that repeats the surname just shown and is glued to a capital is no writer's prose. Removed from after the
   * surname as shown through MORE (or through the glued surname when no MORE follows on the line); recorded as the
   * full name. On AllSides: 6,249 cards in 1,208 of The Hill's 1,377 articles and 38 in opinion pieces reprinted from
   * its pages (Guest Writer, Dick Morris), none elsewhere; every one ends in MORE within 700 characters on its line.
   */
  private static final String CARD = "\\b(?<shown>\\p{Lu}[\\p{L}'\u2019-]*\\p{Ll})(?<fullname> " + NAME_WORD + "(?: " + NAME_WORD + "){0,4} \\k<shown>)"
      + "(?=\\p{Lu})(?:[^\n]{0,800}?MORE(?!\\p{Lu}))?";
  /** Words in capitals: no lower-case letter, digits and initials allowed ("STEVE INSKEEP, HOST", "SEN. TED CRUZ", "UPDATE II"). */
  private static final String CAPS = "\\p{Lu}[\\p{Lu}\\p{N}.'\u2019&-]*(?:,? [\\p{Lu}\\p{N}][\\p{Lu}\\p{N}.'\u2019&-]*){0,5}";
  /**
   * A label a line opens with: words in capitals, perhaps a bracket, then a colon or a dash. A transcript's speaker
   * ("STEVE INSKEEP, HOST:", "INSKEEP:", "ARCHIVED RECORDING (PRESIDENT GEORGE W. BUSH):"), a blog's "UPDATE:" or
   * "UPDATE II -", a dateline ("WASHINGTON (Reuters) -", "NEW YORK (AP) —"): the page's layout and the wire's credit,
   * not the article's words (in NPR's transcripts the host's surname was among its most distinctive terms). A line
   * starts with a capital, but its words are not all in capitals before a colon or a dash. A label may also follow
   * a stage direction ("[AUDIO PLAYBACK] ARCHIVED RECORDING (...)").
   */
  private static final String LABEL = "(?=\\p{Lu})(?:(?<![^\n])|(?<=[\\])] ))" + CAPS + "(?: ?\\([^()\n]{1,60}\\))?"
      + "(?::|[ \u00a0]+(?:[\u2014\u2013]|--?))(?=[ \u00a0\n]|$)";
  /**
   * A transcript's stage direction: a bracket in capitals where a sentence or a line starts, "(SOUNDBITE OF ARCHIVED
   * RECORDING)", "[AUDIO PLAYBACK]", "(LAUGHTER)". An acronym in brackets follows the name it abbreviates ("the
   * Congressional Budget Office (CBO)"), never a full stop; a party label follows a name.
   */
  private static final String DIRECTION = "(?=[\\[(])(?:(?<![^\n])|(?<=[.!?:;\"\u201d\\])] ))[\\[(](?=[^\\])\n]*\\p{Lu}\\p{Lu})"
      + "[\\p{Lu}\\p{N} .,'\u2019&/:-]{2,80}[\\])](?![\\p{L}\\p{N}])";
  /**
   * The time zone after a clock time, "8:30 a.m. ET": a live blog stamps every update so ("Update at 11:33 a.m. ET.");
   * NPR's "et" was among its most distinctive terms, and the stamp, once a template without its zone, left ". ET."
   * behind. The time stays. The zones of the United States and Britain and UTC, as news pages write them.
   */
  private static final String ZONE = "(?=[ \u00a0]+[A-Z]{2,4}(?![\\p{L}\\p{N}]))"
      + "(?<=\\d(?::\\d\\d)?[ \u00a0]?(?:[ap]\\.?m\\.?|[AP]\\.?M\\.?))[ \u00a0]+"
      + "(?:ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|AKST|AKDT|HST|GMT|BST|UTC)(?![\\p{L}\\p{N}])";
  /*
   * Each pattern that opens with a lookbehind (label, direction, zone) or a case-blind word (embed) first looks ahead
   * at a character it needs: the alternatives are tried at every character of every text, and Java's regex engine
   * does not skip ahead to an alternative's first character itself. Same matches; on two AllSides shards (55.6
   * million characters, one thread) the step took 11.4 s instead of 19.0 s.
   */
  /** Some kinds and one pattern with a named group per kind, in the kinds' order. */
  private record Alternatives(List<Kind> kinds, Pattern pattern) {
    Alternatives(List<Kind> kinds) {
      this(kinds, InlineMarkers.pattern(kinds));
    }
  }

  /**
   * The alternatives for each set of the kinds that need what most texts lack (see {@link #possible}): an '@'
   * (signatures, addresses, handles: in 14% of AllSides's texts), what a link needs (37%), a clock time (8%), an
   * "embed" (1%). Each kind left out of the expression is one fewer alternative tried at every character.
   */
  private static final Alternatives[] BY_NEEDS = new Alternatives[16];
  private static final int AT = 1;
  private static final int LINK = 2;
  private static final int CLOCK = 4;
  private static final int EMBEDDED = 8;

  static {
    for (int needs = 0; needs < BY_NEEDS.length; needs++) {
      List<Kind> kinds = new ArrayList<>();
      for (Kind k : Kind.values()) {
        int need = switch (k) {
          case signature, email, handle -> AT;
          case url -> LINK;
          case zone -> CLOCK;
          case embed -> EMBEDDED;
          case card, label, direction -> 0;
        };
        if ((needs & need) == need) {
          kinds.add(k);
        }
      }
      BY_NEEDS[needs] = new Alternatives(kinds);
    }
  }
  /** Brackets a removal left empty, or with a stray full stop: "Guy Benson (@guypbenson)", "Schumer (D-N.Y.)". */
  static final Pattern EMPTY_BRACKETS = Pattern.compile("[(\\[]\\s*[.,;:]?\\s*[)\\]]");
  private static final String TRAILING = ".,;:!?)]}'\"\u201d\u2019";

  /** A UDF removing every kind but those kept; returns the text and what was removed. */
  public static UDF1<String, Row> remover(Set<Kind> keep) {
    Set<Kind> kept = Set.copyOf(keep);
    return text -> remove(text, kept);
  }

  static Row remove(String text, Set<Kind> keep) {
    if (text == null || text.isEmpty() || keep.size() == Kind.values().length) {
      return RowFactory.create(text, List.of());
    }
    Alternatives alternatives = BY_NEEDS[possible(text)];
    Matcher m = alternatives.pattern().matcher(text);
    if (!m.find()) {
      return RowFactory.create(text, List.of());
    }
    StringBuilder out = new StringBuilder(text.length());
    List<Row> removed = new ArrayList<>();
    int last = 0;
    do {
      Kind kind = kind(m, alternatives.kinds());
      int end = m.end();
      if (kind == Kind.url) {   // a sentence's full stop or a closing bracket after a link is the sentence's
        while (end > m.start() + 1 && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
          end--;
        }
      }
      if (kind == Kind.zone && text.charAt(m.start() - 1) == '.' && end < text.length() && text.charAt(end) == '.') {
        end++;   // "8:30 a.m. ET." ends its sentence with the time's own full stop
      }
      if (keep.contains(kind)) {
        continue;
      }
      // A card keeps the surname as shown; a card with no MORE was glued to what follows it.
      int start = kind == Kind.card ? m.start("fullname") : m.start();
      out.append(text, last, start);
      if (kind == Kind.card && end < text.length() && !Character.isWhitespace(text.charAt(end))) {
        out.append(' ');
      }
      removed.add(RowFactory.create(kind.name(), recorded(kind, kind == Kind.card ? m.group("fullname") : text.substring(start, end))));
      last = end;
    } while (m.find());
    if (removed.isEmpty()) {
      return RowFactory.create(text, List.of());
    }
    out.append(text, last, text.length());
    String cleaned = EMPTY_BRACKETS.matcher(out).replaceAll("");
    return RowFactory.create(Cleaning.normaliseSpace(cleaned), removed);
  }

  /**
   * What the text holds of what some kinds need, as AT | LINK | CLOCK | EMBEDDED: each a condition that every match of
   * those kinds meets, checked in one quick pass. A link needs a '/', a "www." or a '.' before one of URL's top-level
   * domains; a zone, a clock's "a"/"p" right after a digit (and perhaps a space); an embed marker, "embed" in any case.
   */
  static int possible(String text) {
    int needs = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '@' -> needs |= AT;
        case '/' -> needs |= LINK;
        case '.' -> {
          if (i >= 3 && text.startsWith("www", i - 3) || topLevelDomain(text, i + 1)) {
            needs |= LINK;
          }
        }
        case 'a', 'p', 'A', 'P' -> {
          int j = i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\u00a0') ? i - 2 : i - 1;
          if (j >= 0 && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
            needs |= CLOCK;
          }
        }
        case 'e', 'E' -> {
          if (text.regionMatches(true, i, "embed", 0, 5)) {
            needs |= EMBEDDED;
          }
        }
        default -> { }
      }
    }
    return needs;
  }

  private static boolean topLevelDomain(String text, int at) {
    for (String tld : TLDS) {
      if (text.startsWith(tld, at)) {
        return true;
      }
    }
    return false;
  }

  private static Pattern pattern(List<Kind> kinds) {
    StringJoiner any = new StringJoiner("|");
    for (Kind k : kinds) {
      String regex = switch (k) {
        case signature -> SIGNATURE;
        case email -> EMAIL;
        case url -> URL;
        case handle -> HANDLE;
        case embed -> EMBED;
        case card -> CARD;
        case label -> LABEL;
        case direction -> DIRECTION;
        case zone -> ZONE;
      };
      any.add("(?<" + k.name() + ">" + regex + ")");
    }
    return Pattern.compile(any.toString());
  }

  private static Kind kind(Matcher m, List<Kind> kinds) {
    for (Kind k : kinds) {
      if (m.group(k.name()) != null) {
        return k;
      }
    }
    throw new IllegalStateException("a match of no kind");
  }

  /** What removed_text records: a link's host, an address's domain, a handle or a marker lower-cased. */
  static String recorded(Kind kind, String match) {
    String s = match.toLowerCase(Locale.ROOT);
    return switch (kind) {
      case url -> {
        String host = s.replaceFirst("^[a-z]+://", "");
        int slash = host.indexOf('/');
        host = slash < 0 ? host : host.substring(0, slash);
        yield host.startsWith("www.") ? host.substring(4) : host;
      }
      case email -> s.substring(s.indexOf('@') + 1);
      case handle, embed -> s;
      case card -> s.strip();   // the full name
      case label -> match.replaceFirst("[ \u00a0]*(?::|[\u2014\u2013]|--?)$", "");   // as written, without its colon or dash
      case direction -> match.substring(1, match.length() - 1).strip();
      case zone -> match.strip().replace(".", "");
      case signature -> s.substring(s.indexOf('@'), s.indexOf(')', s.indexOf('@')));   // whose posts: the handle
    };
  }
}
