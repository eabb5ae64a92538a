package org.framelens.corpus;

import static org.apache.spark.sql.functions.*;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * How each outlet names itself: its name and the names its records give it (outlet_raw, so the aliases merged into
 * it count too), and the domain of its documents' URLs. In an outlet's own documents these are not its words ("told
 * Fox News", "foxnews.com", "CNN's"): the terms stage masks them (with a "told" right before them) and the entities
 * stage drops them as mentions, whatever the grouping, while the text keeps them for concordances.
 *
 * <p>The forms of a name: the name without parenthesised qualifiers or what follows a dash ("CNN (Web News)" ->
 * "CNN", "New York Times - News" -> "New York Times"); that without the words Online, Web and Digital ("Fox Online
 * News" -> "Fox News"); that without a last "News" when a word is left ("Fox", "NPR"). Each is matched as written,
 * in title case and in capitals, as whole words; a name with a leading "The" only with it, in any case ("the Hill",
 * never "Hill" as in "Capitol Hill"). Domains: the registrable domain of every host that serves at least a tenth of the outlet's
 * URLs ("foxnews.com", with or without "www."), and its first label when that is a name form run together ("foxnews"),
 * case-insensitively. A name's last word after "the", as a paper names itself on second reference ("the Monitor" for
 * the Christian Science Monitor), unless it is generic ("the News"). And its people and programmes: two or three
 * capitalised words after its own name's possessive in at least three of its documents ("NPR's Steve Inskeep", "CBN
 * News' David Brody"), the authors its documents' author field names in at least three of them ("Ken Rudin"), as
 * whole names. And, each where the outlet writes it more than all other outlets together, the sections of its site its
 * articles name ({@link #sectionNames}), the names it writes after "our" ({@link #ourNames}) and its initials
 * ({@link #initials}).
 * Written by hand: no library knows which names an outlet uses for itself.
 */
public final class SelfReferences implements Serializable {
  private static final Set<String> QUALIFIERS = Set.of("online", "web", "digital");
  /** Last words too generic to stand for the outlet on their own ("the News", "the Magazine"). */
  private static final Set<String> GENERIC = Set.of("news", "magazine", "media", "network", "daily", "report", "today",
      "channel", "radio", "press", "group", "service", "weekly", "online", "web", "digital", "site", "website", "blog");
  /**
   * An outlet's own people and programmes are named in at least this many of its documents after its possessive, or
   * as their author.
   */
  static final int STAFF_MIN_DOCS = 3;
  /** An author's name as a byline gives it: two to four words, each capitalised ("Ken Rudin", "Andrew C. McCarthy"). */
  private static final Pattern BYLINE_NAME = Pattern.compile("\\p{Lu}[\\p{Ll}'\u2019-]+(?: \\p{Lu}[\\p{L}.'\u2019-]*){1,3}");
  /** Where an author field separates its names. */
  private static final Pattern AUTHORS = Pattern.compile("\\s*(?:[,;&]|\\band\\b)\\s*");
  /**
   * After an outlet's name, its possessive and two or three capitalised words: "NPR's Steve Inskeep", "CBN News' David
   * Brody", "NPR's Morning Edition".
   */
  private static final Pattern POSSESSIVE_NAME = Pattern.compile("(?:'s|\u2019s|'|\u2019) ((?!The |A |An )"
      + "\\p{Lu}\\p{Ll}[\\p{L}'\u2019-]*(?: \\p{Lu}\\p{Ll}[\\p{L}'\u2019-]*){1,2})(?![\\p{L}\\p{N}])");
  private static final Set<String> SECOND_LEVEL = Set.of("co", "com", "org", "net", "gov", "ac", "edu");

  /** Outlet to its forms, for the manifest; and outlet to the matcher of any of them. */
  private final Map<String, List<String>> forms;
  private final Map<String, OwnNames> matchers;

  private SelfReferences(Map<String, List<String>> forms) {
    this.forms = forms;
    this.matchers = new TreeMap<>();
    forms.forEach((outlet, f) -> {
      if (!f.isEmpty()) {
        matchers.put(outlet, new OwnNames(f));
      }
    });
  }

  /**
   * The forms the terms stage used, as the output folder's manifest records them (counts.self_reference_forms), so that
   * a concordance masks what the counts masked without reading the corpus twice more; null when none are recorded.
   */
  public static SelfReferences recorded(com.fasterxml.jackson.databind.JsonNode manifest) {
    com.fasterxml.jackson.databind.JsonNode recorded = manifest == null ? null
        : manifest.path("counts").path("self_reference_forms");
    if (recorded == null || !recorded.isObject()) {
      return null;
    }
    Map<String, List<String>> forms = new TreeMap<>();
    recorded.fields().forEachRemaining(e -> {
      List<String> f = new ArrayList<>();
      e.getValue().forEach(x -> f.add(x.asText()));
      forms.put(e.getKey(), f);
    });
    return new SelfReferences(forms);
  }

  /** Marks a name found in a document that is the outlet's only if the outlet writes it more than all others. */
  private static final String CANDIDATE = "\u0001";

  /**
   * From the documents table: one small aggregation (names and hosts per outlet), then one pass over the texts for
   * the outlet's own people and programmes and for the names it may own (sections, after "our", initials), and one
   * more for the documents of every outlet that write those; all held on the driver (a few forms per outlet).
   */
  public static SelfReferences of(Dataset<Row> documents) {
    SelfReferences names = ofNames(documents);
    var strings = DataTypes.createArrayType(DataTypes.StringType);
    Map<String, List<String>> initials = new TreeMap<>();
    names.forms.forEach((outlet, f) -> initials.put(outlet, initials(f)));
    UDF3<String, String, String, List<String>> staff = names.staffNames();
    UDF4<String, String, String, String, List<String>> found = (outlet, text, author, url) -> {
      List<String> out = new ArrayList<>(staff.call(outlet, text, author));
      Set<String> candidates = new LinkedHashSet<>(sectionNames(url, text));
      candidates.addAll(ourNames(text));
      candidates.addAll(written(text, initials.getOrDefault(outlet, List.of())));
      candidates.forEach(c -> out.add(CANDIDATE + c));
      return out;
    };
    List<Row> named = documents.select(col("outlet"), explode(udf(found, strings)
            .apply(col("outlet"), col("text"), col("author"), col("url"))).as("name"))
        .groupBy("outlet", "name").agg(count(lit(1)).as("docs"))
        .filter(col("docs").geq(STAFF_MIN_DOCS)).collectAsList();
    List<String[]> own = new ArrayList<>();
    List<String[]> candidates = new ArrayList<>();
    for (Row r : named) {
      String name = r.getString(1);
      (name.startsWith(CANDIDATE) ? candidates : own).add(new String[] {r.getString(0), name.replace(CANDIDATE, "")});
    }
    own.addAll(dominant(documents, candidates));
    Map<String, List<String>> forms = new TreeMap<>();
    names.forms.forEach((outlet, f) -> forms.put(outlet, new ArrayList<>(f)));
    for (String[] r : own) {
      List<String> f = forms.get(r[0]);
      // The whole name only: a surname alone is too often someone else's ("Harris", "Collins", "King").
      if (!f.contains(r[1])) {
        f.add(r[1]);
      }
    }
    forms.values().forEach(f -> f.sort((a, b) -> b.length() - a.length()));
    return new SelfReferences(forms);
  }

  /**
   * The names two or three capitalised words long that follow the outlet's own name and a possessive in the text, and
   * the authors its author field names that its text names too, once per document: its people and programmes ("NPR's
   * Steve Inskeep", "NPR's Morning Edition", "Ken Rudin"). In its own
   * documents they are self-references too, whole, when STAFF_MIN_DOCS documents name them so.
   */
  UDF3<String, String, String, List<String>> staffNames() {
    Map<String, OwnNames> p = matchers;
    return (outlet, text, author) -> {
      OwnNames own = outlet == null ? null : p.get(outlet);
      Set<String> out = new LinkedHashSet<>();
      for (String a : author == null ? new String[0] : AUTHORS.split(author.strip())) {
        String name = a.replaceFirst("^(?i:by)\\s+", "").replaceAll("[\"\u201c\u201d]", "").strip();
        if (BYLINE_NAME.matcher(name).matches() && text != null && text.contains(name)) {   // an author its text names
          out.add(name);
        }
      }
      if (text == null || own == null) {
        return new ArrayList<>(out);
      }
      OwnNames.Matches m = own.in(text);
      Matcher n = POSSESSIVE_NAME.matcher(text);
      while (m.find()) {
        if (n.region(m.end(), text.length()).lookingAt()) {
          out.add(n.group(1));
        }
      }
      return new ArrayList<>(out);
    };
  }

  /**
   * A section's name, or a name after "our", is the outlet's when at least this share of the documents that write it
   * (in any outlet) are the outlet's: "Political Junkie" (NPR's column) is, "Middle East" (the NYT's and the
   * Monitor's section on the region, which every outlet writes) is not, nor "our Constitution".
   */
  static final double SECTION_OWN_SHARE = 0.5;

  /** After a lower-case "our", one to three capitalised words: "our Newscast unit", "our Two-Way blog". */
  private static final Pattern OUR_NAME = Pattern.compile("(?<![\\p{L}\\p{N}])our ("
      + "\\p{Lu}\\p{Ll}[\\p{L}'\u2019-]*(?: \\p{Lu}\\p{Ll}[\\p{L}'\u2019-]*){0,2})(?![\\p{L}\\p{N}])");

  /**
   * The names a text writes after "our": the outlet's own desks and programmes when it speaks of itself ("reports for
   * our Newscast unit", NPR's Newscast among its ten most distinctive terms on AllSides), kept only where the outlet
   * writes the name more than every other outlet together (see SECTION_OWN_SHARE).
   */
  static List<String> ourNames(String text) {
    if (text == null || !text.contains("our ")) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    Matcher m = OUR_NAME.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return new ArrayList<>(out);
  }

  /** The (outlet, name) candidates kept: at least SECTION_OWN_SHARE of the documents that write the name are the outlet's. */
  private static List<String[]> dominant(Dataset<Row> documents, List<String[]> candidates) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    List<String> phrases = candidates.stream().map(c -> c[1]).distinct().toList();
    Written index = new Written(phrases);
    UDF1<String, List<String>> written = index::in;
    Map<String, Map<String, Long>> docs = new TreeMap<>();   // name -> outlet -> documents that write it
    for (Row r : documents.select(col("outlet"), explode(udf(written, DataTypes.createArrayType(DataTypes.StringType))
            .apply(col("text"))).as("name"))
        .groupBy("name", "outlet").agg(count(lit(1))).collectAsList()) {   // a few names, the outlets that write them
      docs.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
    }
    List<String[]> out = new ArrayList<>();
    for (String[] c : candidates) {
      Map<String, Long> by = docs.getOrDefault(c[1], Map.of());
      long all = by.values().stream().mapToLong(Long::longValue).sum();
      if (all > 0 && by.getOrDefault(c[0], 0L) >= SECTION_OWN_SHARE * all) {
        out.add(c);
      }
    }
    return out;
  }

  /** Which of these names the text writes, as whole words and as given (case kept). */
  static List<String> written(String text, List<String> names) {
    return new Written(names).in(text);
  }

  /**
   * Names looked up by their first two characters wherever a word can start, so that a text is read once however
   * many names there are (the candidates of every outlet are checked against every document).
   */
  private static final class Written implements java.io.Serializable {
    private final List<String> names;
    private final Map<Integer, List<String>> byStart = new java.util.HashMap<>();   // names of two characters or more
    private final Map<Character, List<String>> single = new java.util.HashMap<>();

    Written(List<String> names) {
      this.names = List.copyOf(names);
      for (String n : this.names) {
        if (n.length() == 1) {
          single.computeIfAbsent(n.charAt(0), k -> new ArrayList<>()).add(n);
        } else if (n.length() > 1) {
          byStart.computeIfAbsent(n.charAt(0) << 16 | n.charAt(1), k -> new ArrayList<>()).add(n);
        }
      }
    }

    List<String> in(String text) {
      if (text == null || names.isEmpty()) {
        return List.of();
      }
      Set<String> found = new java.util.HashSet<>();
      for (int at = 0; at < text.length(); at++) {
        if (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1))) {
          if (at + 1 < text.length()) {
            match(text, at, byStart.get(text.charAt(at) << 16 | text.charAt(at + 1)), found);
          }
          match(text, at, single.get(text.charAt(at)), found);
        }
      }
      return names.stream().filter(found::contains).distinct().toList();
    }

    private static void match(String text, int at, List<String> candidates, Set<String> found) {
      for (int i = 0; candidates != null && i < candidates.size(); i++) {
        String n = candidates.get(i);
        int end = at + n.length();
        if (text.startsWith(n, at) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
          found.add(n);
        }
      }
    }
  }

  /**
   * The initials of an outlet's names of two words or more, in capitals ("NR" for National Review, "NYT"), kept as
   * its names by the dominance test of sections: "DC" (the Daily Caller's) is every outlet's Washington, DC.
   */
  static List<String> initials(List<String> forms) {
    Set<String> out = new LinkedHashSet<>();
    for (String f : forms) {
      if (f.contains(".") || !Character.isUpperCase(f.charAt(0))) {
        continue;   // a domain, or its label
      }
      StringBuilder b = new StringBuilder();
      for (String w : f.split(" ")) {
        if (!w.equals("The") && !w.isEmpty() && Character.isLetter(w.charAt(0))) {
          b.append(Character.toUpperCase(w.charAt(0)));
        }
      }
      if (b.length() >= 2 && f.contains(" ") && !f.equals(b.toString())) {
        out.add(b.toString());
      }
    }
    return new ArrayList<>(out);
  }

  /** A URL path segment's letters, between these lengths, can name a section ("politicaljunkie", "gfile"). */
  private static final int SECTION_MIN = 5;
  private static final int SECTION_MAX = 40;

  /**
   * The sections of the outlet's site that the document's text names: a path segment of its URL whose letters the
   * text writes as two to four capitalised words, or one hyphenated ("blogs/politicaljunkie": "Political Junkie";
   * "g-file": "G-File"; "thetwo-way": "The Two-Way"; "itsallpolitics": "It's All Politics"). An outlet's column, blog
   * or programme, which it names in the articles it files under it; counted like its people (a section is in at
   * least STAFF_MIN_DOCS documents, an article's own slug in one) and kept when SECTION_OWN_SHARE of the documents that
   * write it are the outlet's. On AllSides, NPR's Political Junkie column stood in
   * four forms among NPR's ten most distinctive terms.
   */
  static List<String> sectionNames(String url, String text) {
    if (url == null || text == null) {
      return List.of();
    }
    String path = url.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://[^/]*", "").replaceFirst("[?#].*$", "");
    List<String> out = new ArrayList<>();
    String squashed = null;   // the text's ASCII letters, lower-cased: a spelling can match only where they hold its letters
    for (String segment : path.split("/")) {
      String letters = segment.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
      if (letters.length() < SECTION_MIN || letters.length() > SECTION_MAX) {
        continue;
      }
      if (squashed == null) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
          char c = text.charAt(i);
          if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
            b.append((char) (c | 0x20));
          }
        }
        squashed = b.toString();
      }
      if (!squashed.contains(letters)) {
        continue;
      }
      StringBuilder spelled = new StringBuilder("(?<![\\p{L}\\p{N}])");
      for (int i = 0; i < letters.length(); i++) {
        spelled.append(i == 0 ? "" : "[ '\u2019-]?").append(letters.charAt(i));
      }
      Matcher m = Pattern.compile(spelled.append("(?![\\p{L}\\p{N}])").toString(), Pattern.CASE_INSENSITIVE)
          .matcher(text);
      while (m.find()) {
        if (namesSection(m.group())) {
          out.add(m.group());
          break;
        }
      }
    }
    return out;
  }

  /** Two to four words, each capitalised, or one capitalised word whose every part after a hyphen is capitalised. */
  private static boolean namesSection(String phrase) {
    String[] words = phrase.split(" ");
    if (words.length > 4 || (words.length == 1 && phrase.indexOf('-') < 0)) {
      return false;
    }
    for (String w : words) {
      for (String part : w.split("-")) {
        if (part.isEmpty() || !Character.isUpperCase(part.charAt(0))) {
          return false;
        }
      }
    }
    return true;
  }

  private static SelfReferences ofNames(Dataset<Row> documents) {
    Dataset<Row> hosts = documents
        .select(col("outlet"), lower(expr("try_parse_url(url, 'HOST')")).as("host"))
        .filter(col("host").isNotNull())
        .groupBy("outlet", "host").agg(count(lit(1)).as("n"))
        .withColumn("share", col("n").divide(sum("n").over(org.apache.spark.sql.expressions.Window.partitionBy("outlet"))))
        .filter(col("share").geq(0.1))
        .groupBy("outlet").agg(collect_set("host").as("hosts"));
    Dataset<Row> names = documents.groupBy("outlet").agg(collect_set("outlet_raw").as("names"));
    Map<String, List<String>> forms = new TreeMap<>();
    for (Row r : names.join(hosts, List.of("outlet").toArray(new String[0]), "left").collectAsList()) {
      String outlet = r.getString(0);
      List<String> raw = new ArrayList<>(r.getList(1));
      raw.add(0, outlet);
      List<String> hs = r.isNullAt(2) ? List.of() : r.getList(2);
      forms.put(outlet, forms(raw, hs));
    }
    return new SelfReferences(forms);
  }

  /** The forms for these names and hosts, longest first (so that the longest form matches). */
  static List<String> forms(List<String> names, List<String> hosts) {
    Set<String> out = new LinkedHashSet<>();
    for (String n : names) {
      for (String v : nameForms(n)) {
        out.add(v);
      }
    }
    Set<String> joined = new java.util.HashSet<>();
    for (String f : out) {
      joined.add(f.replace(" ", "").toLowerCase(Locale.ROOT));
    }
    for (String h : hosts) {
      String d = domain(h);
      if (d != null) {
        out.add(d);
        String label = d.substring(0, d.indexOf('.'));
        if (joined.contains(label)) {   // "foxnews" for Fox News; never a word of the language ("medium")
          out.add(label);
        }
      }
    }
    List<String> sorted = new ArrayList<>(out);
    sorted.removeIf(s -> s.replace("The ", "").length() < 3);
    sorted.sort((a, b) -> b.length() - a.length());
    return sorted;
  }

  static List<String> nameForms(String name) {
    String n = name.replaceAll("\\([^)]*\\)", " ").split("\\s+[-\u2013\u2014:]\\s+|:\\s+")[0].trim().replaceAll("\\s+", " ");
    List<String> out = new ArrayList<>();
    if (n.isEmpty()) {
      return out;
    }
    out.add(n);
    List<String> words = new ArrayList<>(List.of(n.split(" ")));
    if (words.removeIf(w -> QUALIFIERS.contains(w.toLowerCase(Locale.ROOT))) && !words.isEmpty()) {
      out.add(String.join(" ", words));
    }
    int last = words.size() - 1;
    if (last >= 1 && words.get(last).equalsIgnoreCase("news") && !(last == 1 && words.get(0).equalsIgnoreCase("the"))) {
      out.add(String.join(" ", words.subList(0, last)));
    }
    // "the Monitor", "the Times", "the Journal": how a paper names itself on second reference, never without "the",
    // nor before a capitalised word ("the Times Square", "the World Bank" for People's World).
    String end = words.isEmpty() ? "" : words.get(last);
    if (last >= 1 && !words.get(0).equalsIgnoreCase("the") && end.length() >= 4 && Character.isUpperCase(end.charAt(0))
        && !end.equals(end.toUpperCase(Locale.ROOT)) && !GENERIC.contains(end.toLowerCase(Locale.ROOT))) {
      out.add("The " + end);
    }
    return out;
  }

  /** The registrable domain of a host (news.bbc.co.uk -> bbc.co.uk, www.foxnews.com -> foxnews.com), or null. */
  static String domain(String host) {
    String[] l = host.toLowerCase(Locale.ROOT).split("\\.");
    if (l.length < 2) {
      return null;
    }
    int keep = l.length >= 3 && l[l.length - 1].length() == 2 && SECOND_LEVEL.contains(l[l.length - 2]) ? 3 : 2;
    return String.join(".", java.util.Arrays.copyOfRange(l, l.length - keep, l.length));
  }

  public Map<String, List<String>> forms() {
    return forms;
  }

  public static final StructType MASKED = new StructType()
      .add("text", DataTypes.StringType, true)
      .add("masked", DataTypes.IntegerType, false);

  /**
   * The text with the outlet's self-references replaced by a paragraph break, so that no term or phrase is built
   * from them or across them; and how many there were. A "told" right before the name goes with it: "told Fox News"
   * is the outlet crediting its own interview, written in most of its articles that quote one (on AllSides, "told"
   * was among Fox Online News's 20 most distinctive terms once its name was masked), while "told" elsewhere stays.
   */
  public UDF2<String, String, Row> masker() {
    Map<String, OwnNames> p = matchers;
    return (outlet, text) -> {
      OwnNames own = outlet == null ? null : p.get(outlet);
      if (text == null || own == null) {
        return RowFactory.create(text, 0);
      }
      OwnNames.Matches m = own.in(text);
      StringBuilder out = new StringBuilder(text.length());
      int n = 0;
      int last = 0;
      while (m.find()) {
        out.append(text, last, Math.max(last, creditStart(text, m.start()))).append("\n\n");
        last = m.end();
        n++;
      }
      out.append(text, last, text.length());
      return RowFactory.create(n == 0 ? text : out.toString(), n);
    };
  }

  /** Where a self-reference starting at {@code start} begins once a "told " right before it is taken in. */
  static int creditStart(String text, int start) {
    int t = start - 5;
    boolean told = t >= 0 && text.regionMatches(true, t, "told", 0, 4) && Character.isSpaceChar(text.charAt(start - 1))
        && (t == 0 || !Character.isLetterOrDigit(text.charAt(t - 1)));
    return told ? t : start;
  }

  /** Whether a mention's text is, as a whole, one of the outlet's names for itself (a possessive 's aside). */
  public UDF2<String, String, Boolean> isOwnName() {
    Map<String, OwnNames> p = matchers;
    return (outlet, mention) -> {
      OwnNames own = outlet == null ? null : p.get(outlet);
      if (mention == null || own == null) {
        return false;
      }
      String m = mention.strip().replaceFirst("(?:'s|\u2019s|'|\u2019)$", "");
      return own.matches(m);
    };
  }
}
