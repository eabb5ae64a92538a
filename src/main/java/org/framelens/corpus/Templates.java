package org.framelens.corpus;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Page-template text found from the corpus: word sequences an outlet's pages repeat verbatim inside article lines
 * ("Enlarge this image toggle caption", "Advertisement Continue reading the main story", "Image copyright", "JUST
 * WATCHED ... Replay More Videos"), and the credits they carry. The rule, its settings and what it was measured on
 * are in docs/cleaning.md; in short, a template is set apart from the sentence around it every time it occurs, where
 * an outlet's own recurring wording ("radical left") is written inside its sentences.
 *
 * <p>Written by hand: boilerplate tools (jusText, Boilerpipe) classify whole blocks of an HTML page, and the corpus
 * here is already text, with the templates inside its lines.
 */
public final class Templates {
  private Templates() {}

  /**
   * How a template is set apart: both its ends bounded (F); its start at an edge, a slot of varying words after it
   * (L); its end at an edge, a slot before it (R); a whole sentence (S). Or not set apart at all but long: a run of
   * --template-verbatim-words words that recurs word for word (V), removed wherever it stands. Or a label: one to three
   * words, the first capitalised, followed by a colon or a dash (C): "Photos:", "UPDATE -", "Original Post:". Or a
   * whole line of --template-line-words words or more that recurs in --template-min-docs documents of different
   * titles, whatever the outlet's size (P): a sidebar, a promotion, an author's bio.
   */
  public enum Kind { F, L, R, S, V, C, P }

  /**
   * A word of a line: its key (the word, or '#' when it holds a digit), where it sits, and what bounds it. Hard
   * bounds: the line's edge, sentence punctuation, a bracket or quotation mark, a token with no letter or digit.
   */
  record Word(String key, long hash, int start, int end, boolean leftHard, boolean rightHard, boolean leftEdge,
      boolean rightEdge, boolean capital, boolean lowerContent, boolean stop, boolean closes, boolean colon,
      boolean sentenceStart) {}

  private static final String LEAD = "\"'([{\u201c\u2018\u00ab";
  private static final String TRAIL = ".,;:!?)]}\"'\u201d\u2019\u00bb";
  private static final String HARD_AFTER = ".;:!?)]}\"\u201d\u00bb";
  /**
   * A US party and state label ("R-Ohio", "D-N.Y", "I-Vt"): set apart in brackets like furniture, but how an article
   * names an actor's party, which is framing. Written by hand: without it a label is a template in outlets that print
   * it often enough and a term in the others, and keyness compares the two.
   */
  public static final String PARTY_LABEL = "(^|\\s)[RDI]-\\p{Lu}";
  /** The longest whole sentence that can be a template, in words. */
  static final int MAX_SENTENCE = 40;
  /**
   * The largest share of an L template's occurrences in which its sentence may run on (see {@link #runsOn}). On the
   * full AllSides corpus the paragraph openers that the rule removed without it ("Meanwhile", "On Monday", "According
   * to the", "Despite the") ran on in 31% to 100% of their occurrences, the pages' openers it keeps ("Read more", "By
   * Anthony Zurcher", "JUST WATCHED") in 0% to 14%.
   */
  static final double RUNS_ON_SHARE = 0.25;
  /** The most words a credit (the names after or before a template) can have. */
  static final int MAX_CREDIT = 12;

  static boolean symbol(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.isLetterOrDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The words of one line (no line break inside), with their boundaries. */
  static List<Word> words(String line, Set<String> stop) {
    List<int[]> tokens = new ArrayList<>();   // {start, end, coreStart, coreEnd}
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      int s = i;
      while (i < n && line.charAt(i) != ' ') {
        i++;
      }
      if (i > s) {
        int cs = s;
        int ce = i;
        while (cs < ce && LEAD.indexOf(line.charAt(cs)) >= 0) {
          cs++;
        }
        while (ce > cs && TRAIL.indexOf(line.charAt(ce - 1)) >= 0) {
          ce--;
        }
        tokens.add(new int[] {s, i, cs, ce});
      }
    }
    boolean[] sym = new boolean[tokens.size()];   // a token with no letter or digit, asked about up to four times
    for (int t = 0; t < sym.length; t++) {
      sym[t] = symbol(line, tokens.get(t)[2], tokens.get(t)[3]);
    }
    List<Word> out = new ArrayList<>(tokens.size());
    for (int t = 0; t < tokens.size(); t++) {
      int[] tok = tokens.get(t);
      if (tok[2] == tok[3] || sym[t]) {
        continue;   // punctuation of its own: a boundary for its neighbours, not a word
      }
      String core = line.substring(tok[2], tok[3]);
      boolean nextOpens = t + 1 < tokens.size() && (tokens.get(t + 1)[2] > tokens.get(t + 1)[0] || sym[t + 1]);
      boolean leftHard = t == 0 || tok[2] > tok[0] || endsSentence(line, tokens.get(t - 1), ".!?:;)]") || sym[t - 1];
      boolean closes = tok[3] < tok[1];   // trailing punctuation: no sequence runs on past this word
      boolean rightHard = t == tokens.size() - 1 || nextOpens || closes && HARD_AFTER.indexOf(line.charAt(tok[3])) >= 0
          && !(line.charAt(tok[3]) == '.' && tok[3] + 1 == tok[1] && abbreviation(line, tok[2], tok[3]));
      char c0 = core.charAt(0);
      boolean digit = false;
      for (int k = 0; k < core.length() && !digit; k++) {
        digit = Character.isDigit(core.charAt(k));
      }
      boolean isStop = stop.contains(core.toLowerCase(java.util.Locale.ROOT));
      // An edge: the line's, or a token with no letter or digit ("...", a dash, a bullet) between words.
      boolean leftEdge = t == 0 || sym[t - 1];
      boolean rightEdge = t == tokens.size() - 1 || sym[t + 1];
      String key = digit ? "#" : core;
      out.add(new Word(key, hash(key), tok[2], tok[3], leftHard, rightHard, leftEdge, rightEdge,
          Character.isUpperCase(c0) || Character.isDigit(c0), Character.isLowerCase(c0) && !isStop && !digit,
          isStop || digit, closes || nextOpens, closes && line.charAt(tok[3]) == ':',
          t > 0 && tok[2] == tok[0] && endsSentence(line, tokens.get(t - 1), ".!?")));
    }
    return out;
  }

  private static boolean endsSentence(String line, int[] tok, String marks) {
    for (int k = tok[3]; k < tok[1]; k++) {
      char c = line.charAt(k);
      if (marks.indexOf(c) >= 0 && !(c == '.' && k == tok[3] && abbreviation(line, tok[2], tok[3]))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A capitalised word of at most three letters, or one with a dot inside, before a dot: "Mr.", "J.", "U.S.",
   * "Sen.", "N.C.". Its dot ends no sentence ("Donald J. Trump", "While Mr. Obama"), so it bounds nothing.
   */
  static boolean abbreviation(String line, int from, int to) {
    if (to <= from || !Character.isUpperCase(line.charAt(from))) {
      return false;
    }
    if (to - from <= 3) {
      return true;
    }
    for (int i = from; i < to; i++) {
      if (line.charAt(i) == '.') {
        return true;
      }
    }
    return false;
  }

  /** words[i, i + n) as a key, or null if it cannot be a template (it runs past punctuation, or is only stop words). */
  static String key(List<Word> w, int i, int n) {
    boolean content = false;
    for (int j = i; j < i + n; j++) {
      if (j < i + n - 1 && w.get(j).closes()) {
        return null;
      }
      content |= !w.get(j).stop();
    }
    if (!content || n == 1 && w.get(i).key().length() < 4) {
      return null;
    }
    return join(w, i, n);
  }

  private static String join(List<Word> w, int i, int n) {
    if (n == 1) {
      return w.get(i).key();
    }
    StringBuilder b = new StringBuilder(w.get(i).key());
    for (int j = i + 1; j < i + n; j++) {
      b.append(' ').append(w.get(j).key());
    }
    return b.toString();
  }

  /** The whole sentence from words[i] (which starts one) when it is longer than maxWords: its length, else 0. */
  static int sentence(List<Word> w, int i, int maxWords) {
    if (!w.get(i).leftHard()) {
      return 0;
    }
    for (int j = i; j < w.size() && j - i < MAX_SENTENCE; j++) {
      if (w.get(j).rightHard()) {
        return j - i + 1 > maxWords ? j - i + 1 : 0;
      }
    }
    return 0;
  }

  private static boolean lower(List<Word> w, int i, int n) {
    for (int j = i; j < i + n; j++) {
      if (w.get(j).lowerContent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the start of words[i, i + n) is bounded: hard, or (for a sequence holding a lower-case content word) by a
   * capitalised word before it; bounded says a removed template ends right before it.
   */
  /**
   * Whether words[i, i + n) is a fragment: both its ends bounded (lower: it holds a lower-case content word). A
   * capitalised neighbour bounds no end that is a stop word: "story | On Monday" runs on into the sentence.
   */
  static boolean fragment(List<Word> w, int i, int n, boolean bounded, boolean lower) {
    Word last = w.get(i + n - 1);
    boolean left = bounded || w.get(i).leftHard()
        || lower && i > 0 && w.get(i - 1).capital() && !w.get(i - 1).closes() && !stopWord(w.get(i));
    return left && (last.rightHard() || lower && i + n < w.size() && w.get(i + n).capital() && !last.closes() && !stopWord(last));
  }

  private static boolean stopWord(Word x) {
    return x.stop() && !x.key().equals("#");
  }

  static boolean fragment(List<Word> w, int i, int n, boolean bounded) {
    return fragment(w, i, n, bounded, lower(w, i, n));
  }

  /** The hash of words[i, i + n) is built word by word from their hashes: pass 1 counts hashes, not strings. */
  static long extend(long h, Word next) {
    h = (h ^ next.hash()) * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 29);
  }

  static final long SEED = 0x2545F4914F6CDD1DL;
  private static final long VERBATIM_SEED = 0x6A09E667F3BCC909L;

  /**
   * A sequence's hash has its lowest bit clear, a verbatim run's has it set: pass 1 counts both in one aggregation
   * and the bit says which list a frequent hash belongs to.
   */
  static long sequence(long h) {
    return h & ~1L;
  }

  /** The sequence hash of a key (words separated by single spaces), as {@link #extend} builds it. */
  static long sequenceHash(String key) {
    long h = SEED;
    for (String word : key.split(" ")) {
      h = (h ^ hash(word)) * 0x9E3779B97F4A7C15L;
      h ^= h >>> 29;
    }
    return sequence(h);
  }

  static boolean verbatim(long h) {
    return (h & 1L) != 0;
  }

  /** The hash of the verbatim run of n words from words[i], punctuation inside it aside. */
  static long verbatimHash(List<Word> w, int i, int n) {
    long h = VERBATIM_SEED;
    for (int j = i; j < i + n; j++) {
      h = extend(h, w.get(j));
    }
    return h | 1L;
  }

  /**
   * A whole line's hash, or 0 when it has fewer than minWords words: its letters and digits, case kept, each run of
   * digits as '#' ("Top 10 handguns" and "Top 12 handguns" are one line), words apart; punctuation aside ("COFFEE..."
   * and "COFFEE…" are one line), and a token with none is no word. The low bit is set, and the seed is a verbatim
   * run's neither, so no sequence hash equals it.
   */
  static long lineHash(String line, int minWords) {
    long h = 0x3C6EF372FE94F82BL;
    int words = 0;
    boolean inWord = false;
    boolean inDigits = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ' ') {
        inWord = false;
        continue;
      }
      if (!Character.isLetterOrDigit(c)) {
        continue;
      }
      if (!inWord) {
        words++;
        inWord = true;
        h = (h ^ ' ') * 0x100000001b3L;   // one separator however many spaces
      }
      boolean digit = Character.isDigit(c);
      if (!(digit && inDigits)) {
        h = (h ^ (digit ? '#' : c)) * 0x100000001b3L;
      }
      inDigits = digit;
    }
    return words < minWords ? 0 : h | 1L;
  }

  /** The distinct hashes of a text's lines of at least minWords words (see {@link #lineHash}). */
  public static UDF1<String, long[]> lineHashes(int minWords) {
    return text -> text == null ? new long[0] : java.util.Arrays.stream(text.split("\n"))
        .mapToLong(line -> lineHash(line, minWords)).filter(h -> h != 0).distinct().toArray();
  }

  /** 64-bit FNV-1a of a word. */
  static long hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      h ^= key.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /**
   * Calls back every sequence of up to maxWords words from each word of the line that can be a template (it runs
   * past no punctuation and is not only stop words), with its hash and whether it holds a lower-case content word.
   */
  interface SequenceVisitor {
    void visit(int i, int n, long hash, boolean lower);
  }

  static void sequences(List<Word> w, int maxWords, SequenceVisitor v) {
    for (int i = 0; i < w.size(); i++) {
      long h = SEED;
      boolean content = false;
      boolean lower = false;
      for (int n = 1; n <= maxWords && i + n <= w.size(); n++) {
        Word x = w.get(i + n - 1);
        if (n > 1 && w.get(i + n - 2).closes()) {
          break;
        }
        h = extend(h, x);
        content |= !x.stop();
        lower |= x.lowerContent();
        if (content && (n > 1 || x.key().length() >= 4)) {
          v.visit(i, n, sequence(h), lower);
        }
      }
    }
  }

  /** The hash of the whole sentence from words[i], n words, punctuation inside it aside. */
  static long sentenceHash(List<Word> w, int i, int n) {
    long h = SEED;
    for (int j = i; j < i + n; j++) {
      h = extend(h, w.get(j));
    }
    return sequence(h);
  }

  /**
   * Pass 1: the distinct sequences (as hashes) with at least one end set apart somewhere in the text, and every run
   * of verbatimWords words (none when 0).
   */
  public static UDF1<String, long[]> bounded(Set<String> stop, int maxWords, int verbatimWords) {
    return text -> {
      if (text == null) {
        return new long[0];
      }
      long[][] buf = {new long[256]};
      int[] size = {0};
      SequenceVisitor add = (i, n, h, lower) -> {
        if (size[0] == buf[0].length) {
          buf[0] = java.util.Arrays.copyOf(buf[0], 2 * size[0]);
        }
        buf[0][size[0]++] = h;
      };
      for (String line : text.split("\n")) {
        List<Word> w = words(line, stop);
        sequences(w, maxWords, (i, n, h, lower) -> {
          if (w.get(i).leftEdge() || w.get(i + n - 1).rightEdge() || labelEnd(w, i + n - 1)
              || fragment(w, i, n, false, lower)) {
            add.visit(i, n, h, lower);
          }
        });
        for (int i = 0; i < w.size(); i++) {
          int s = sentence(w, i, maxWords);
          if (s > 0) {
            add.visit(i, s, sentenceHash(w, i, s), true);
          }
        }
        for (int i = 0; verbatimWords > 0 && i + verbatimWords <= w.size(); i++) {
          add.visit(i, verbatimWords, verbatimHash(w, i, verbatimWords), false);
        }
      }
      long[] a = java.util.Arrays.copyOf(buf[0], size[0]);
      java.util.Arrays.sort(a);   // distinct per document: a document counts once
      int m = 0;
      for (int k = 0; k < a.length; k++) {
        if (k == 0 || a[k] != a[k - 1]) {
          a[m++] = a[k];
        }
      }
      return java.util.Arrays.copyOf(a, m);
    };
  }

  public static final StructType OCCURRENCE = new StructType()
      .add("seq", DataTypes.StringType, false)
      .add("sentence", DataTypes.BooleanType, false)
      .add("both", DataTypes.BooleanType, false)
      .add("left_edge", DataTypes.BooleanType, false)
      .add("right_edge", DataTypes.BooleanType, false)
      .add("label_end", DataTypes.BooleanType, false)
      .add("left", DataTypes.StringType, true)
      .add("right", DataTypes.StringType, true)
      .add("runs_on", DataTypes.BooleanType, false);

  /** Pass 2: every occurrence of an outlet's candidates, how it is bounded, and its neighbour words. */
  public static UDF2<String, String, List<Row>> occurrences(Broadcast<Map<String, Set<Long>>> candidates,
      Set<String> stop, int maxWords) {
    return (outlet, text) -> {
      List<Row> out = new ArrayList<>();
      Set<Long> mine = candidates.value().get(outlet);
      if (text == null || mine == null) {
        return out;
      }
      for (String line : text.split("\n")) {
        List<Word> w = words(line, stop);
        sequences(w, maxWords, (i, n, h, lower) -> {
          if (mine.contains(h)) {
            String left = i > 0 && !w.get(i - 1).closes() && !w.get(i).leftHard() ? w.get(i - 1).key() : null;
            String right = !w.get(i + n - 1).closes() && !w.get(i + n - 1).rightHard() ? w.get(i + n).key() : null;
            out.add(RowFactory.create(join(w, i, n), false, fragment(w, i, n, false, lower), w.get(i).leftEdge(),
                w.get(i + n - 1).rightEdge(), labelEnd(w, i + n - 1), left, right, runsOn(w, i + n - 1)));
          }
        });
        for (int i = 0; i < w.size(); i++) {
          int s = sentence(w, i, maxWords);
          if (s > 0 && mine.contains(sentenceHash(w, i, s))) {
            out.add(RowFactory.create(join(w, i, s), true, true, true, true, false, null, null, false));
          }
        }
      }
      return out;
    };
  }

  public static final StructType RESULT = new StructType()
      .add("text", DataTypes.StringType, true)
      .add("removed", InlineMarkers.RESULT.apply("removed").dataType(), false);

  /**
   * Removes the outlet's templates where they are set apart as they were found, longest first, each with the credit
   * beside it (see docs/cleaning.md), and adds them to what was removed before.
   */
  public static org.apache.spark.sql.api.java.UDF4<String, String, String, scala.collection.Seq<Row>, Row> remover(
      Broadcast<Map<String, Map<Long, Kind>>> templates, Set<String> stop, int maxWords, int verbatimWords,
      boolean credits, boolean bylines, Set<String> keep) {
    return (outlet, text, title, before) -> {
      List<Row> removed = new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(before));
      Map<Long, Kind> mine = templates == null ? null : templates.value().get(outlet);
      String t = text == null || !credits && (mine == null || mine.isEmpty()) ? text
          : removeTemplates(text, mine == null ? Map.of() : mine, stop, maxWords, verbatimWords, credits, keep, removed);
      return RowFactory.create(bylines ? withoutBylines(t, title, stop, removed) : t, removed);
    };
  }

  private static String removeTemplates(String text, Map<Long, Kind> mine, Set<String> stop, int maxWords,
      int verbatimWords, boolean credits, Set<String> keep, List<Row> removed) {
    String[] lines = text.split("\n", -1);
    List<List<Word>> words = new ArrayList<>(lines.length);
    List<boolean[]> gones = new ArrayList<>(lines.length);
    for (String line : lines) {
      List<Word> w = words(line, stop);
      boolean[] gone = new boolean[w.size()];
      words.add(w);
      gones.add(gone);
      // A recurring line (P) goes whole; only lines long enough were counted, so any line's hash can be looked up.
      String whole = !w.isEmpty() && mine.get(lineHash(line, 1)) == Kind.P ? join(w, 0, w.size()) : null;
      if (whole != null && !keep.contains(whole)) {
        java.util.Arrays.fill(gone, true);
        removed.add(RowFactory.create("template", whole));
        continue;
      }
      if (verbatimWords > 0) {
        removeVerbatim(w, mine, verbatimWords, gone, removed);
      }
      boolean bounded = false;
      // Where the words after a template that were no credit up to the next hard bound start and end: a credit may
      // still end where the next template starts ("Image copyright William Hennessy Image caption Maria Butina ...").
      int pendingFrom = -1;
      int pendingTo = -1;
      for (int i = 0; i < w.size(); ) {
        if (gone[i]) {   // a verbatim run: removed, and it bounds what follows
          bounded = true;
          i++;
          continue;
        }
        int match = 0;
        Kind kind = null;
        int s = sentence(w, i, maxWords);
        if (s > 0 && mine.get(sentenceHash(w, i, s)) == Kind.S) {
          match = s;
          kind = Kind.S;
        }
        // The sequences from words[i], shortest first, as pass 1 hashed them; then tried longest first.
        long[] hashes = new long[maxWords + 1];
        int longest = 0;
        long h = SEED;
        for (int n = 1; n <= maxWords && i + n <= w.size() && !gone[i + n - 1]; n++) {
          if (n > 1 && w.get(i + n - 2).closes()) {
            break;
          }
          h = extend(h, w.get(i + n - 1));
          hashes[n] = sequence(h);
          longest = n;
        }
        for (int n = longest; n >= 1 && match == 0; n--) {
          Kind t = mine.get(hashes[n]);
          if (t != null && switch (t) {   // the map holds only sequences pass 1 could visit
            case F -> fragment(w, i, n, bounded) || longEnough(w, i, n);
            case L -> bounded || w.get(i).leftEdge() || longEnough(w, i, n);
            case R -> w.get(i + n - 1).rightEdge() || longEnough(w, i, n);
            case C -> labelEnd(w, i + n - 1);
            case S, V, P -> false;   // matched as a whole sentence above, a verbatim run or a whole line
          }) {
            match = n;
            kind = t;
          }
        }
        if (match == 0) {
          // after a comma too, a credit of names alone: a caption's list of credits ("Haircut in Michigan, Jim
          // West/ZUMA Press/Newscom;"), not a list of names ("..., National Journal/Heartland Monitor and NBC News")
          boolean hard = bounded || w.get(i).leftHard();
          boolean comma = i > 0 && w.get(i - 1).end() < line.length() && line.charAt(w.get(i - 1).end()) == ',';
          int e = i;
          if (credits && (hard || comma)) {
            int to = nextEnd(w, i);
            e = slashCredit(w, i, to, !hard);
            e = e == i && hard ? leadingCredit(w, i, to) : e;
          }
          if (e > i) {
            for (int j = i; j < e; j++) {
              gone[j] = true;
            }
            removed.add(RowFactory.create("credit", join(w, i, e - i)));
          }
          bounded = e > i;
          i = Math.max(e, i + 1);
          continue;
        }
        if (pendingFrom >= 0 && i > pendingFrom && i < pendingTo) {
          credit(w, gone, removed, pendingFrom, i);
        }
        pendingFrom = -1;
        removed.add(RowFactory.create("template", join(w, i, match)));
        for (int j = i; j < i + match; j++) {
          gone[j] = true;
        }
        // A credit stands beside its template, never across a bracket: before "(D-N.Y.)" is the senator it labels.
        int start = w.get(i).start();
        int finish = w.get(i + match - 1).end();
        if ((kind == Kind.F || kind == Kind.R) && !(start > 0 && "([".indexOf(line.charAt(start - 1)) >= 0)) {
          credit(w, gone, removed, previousStart(w, i), i);
        }
        int end = i + match;
        if ((kind == Kind.F || kind == Kind.L) && !(finish < line.length() && ")]".indexOf(line.charAt(finish)) >= 0)) {
          int to = nextEnd(w, end);
          int credited = credit(w, gone, removed, end, to);
          if (credited == end) {
            pendingFrom = end;
            pendingTo = to;
          }
          end = credited;
        }
        bounded = true;
        i = end;
      }
    }
    if (credits) {
      repeatedSlots(words, gones, maxWords, removed);
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int l = 0; l < lines.length; l++) {
      String line = lines[l];
      List<Word> w = words.get(l);
      boolean[] gone = gones.get(l);
      if (!anyTrue(gone)) {
        out.append(line).append('\n');
        continue;
      }
      StringBuilder kept = new StringBuilder(line.length());
      int from = 0;
      for (int j = 0; j < w.size(); j++) {
        if (gone[j]) {
          kept.append(line, from, w.get(j).start());
          from = w.get(j).end() + (w.get(j).colon() ? 1 : 0);   // a removed label's colon goes with it
        }
      }
      kept.append(line, from, line.length());
      String k = Cleaning.normaliseSpace(InlineMarkers.EMPTY_BRACKETS.matcher(kept).replaceAll(""));
      if (!symbol(k, 0, k.length())) {
        out.append(k);
      }
      out.append('\n');
    }
    out.setLength(out.length() - 1);
    return Cleaning.normaliseSpace(out.toString());
  }

  /**
   * Whether the sentence runs on after words[last]: the next word of the line follows with nothing harder than a comma
   * between them and is a word of lower-case letters ("The president has", "Meanwhile, the"; not an address or a
   * link, which the markers remove). What follows a page's template is mostly a unit of its own (a caption, a title, a
   * name: capitalised) or nothing.
   */
  static boolean runsOn(List<Word> w, int last) {
    if (last + 1 >= w.size() || w.get(last).rightHard()) {
      return false;
    }
    String next = w.get(last + 1).key();
    return Character.isLowerCase(next.codePointAt(0))
        && next.chars().allMatch(c -> Character.isLetter(c) || c == '\'' || c == '\u2019' || c == '-');
  }

  /** Whether words[last] ends a label: a colon after it, or a dash (any token with no letter or digit) before more words. */
  static boolean labelEnd(List<Word> w, int last) {
    return w.get(last).colon() || last + 1 < w.size() && w.get(last).rightEdge();
  }

  private static boolean anyTrue(boolean[] a) {
    for (boolean b : a) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  /** How often a slot's filler must recur in one document to be the page's, not the article's. */
  static final int SLOT_REPEATS = 3;
  /** Slots opened by removed fillers are looked at again, this many times at most ("Photos: Title Title"). */
  private static final int SLOT_ROUNDS = 4;

  /**
   * The fillers of a page template's slots that one document repeats: the title a photo gallery prints on each of its
   * slides after the removed "Hide Caption 3 of 12 Photos:" ("Hillary Clinton's life"), the speaker and clip labels a
   * transcript or a gallery opens its lines with ("archived recording", "michael barbaro", "Hide caption"). A filler
   * is the shortest stretch of 1 to maxWords words, one of them a content word (of four letters at least when alone),
   * that starts right after removed words and ends bounded as a fragment's end is; or a label at an edge (a line's
   * start, a dash): in lower case with such an end, or capitalised and run into the capital of what follows without
   * punctuation ("Hide caption People gather"). Recurring SLOT_REPEATS times in the document, it goes everywhere it stands so, as a
   * template; then the slots it opened are looked at again (a gallery prints "Photos: Title Title"). A sentence that
   * recurs ("Thank you.", a speech's refrain) starts with a capital and ends in punctuation, or runs on in lower case.
   */
  private static void repeatedSlots(List<List<Word>> lines, List<boolean[]> gones, int maxWords, List<Row> removed) {
    for (int round = 0; round < SLOT_ROUNDS; round++) {
      Map<String, List<int[]>> at = new java.util.LinkedHashMap<>();
      for (int l = 0; l < lines.size(); l++) {
        List<Word> w = lines.get(l);
        boolean[] gone = gones.get(l);
        for (int i = 0; i < w.size(); i++) {
          // an edge (a line's start, a dash) opens a slot for a label: in lower case, or (below) run into the capital
          // after it
          boolean afterRemoved = i > 0 && gone[i - 1];
          // or a sentence's end, for a label in lower case where a sentence would start with a capital: a podcast
          // transcript's "... Mr. Nunes. archived recording (elise stefanik) Thank you"
          boolean lowerAfterSentence = w.get(i).sentenceStart() && w.get(i).lowerContent();
          if (gone[i] || !afterRemoved && !lowerAfterSentence && !(w.get(i).leftEdge() && !w.get(i).stop())) {
            continue;
          }
          boolean label = !afterRemoved && !Character.isLowerCase(w.get(i).key().charAt(0));
          boolean content = false;
          boolean lower = false;
          for (int n = 1; n <= maxWords && i + n <= w.size() && !gone[i + n - 1]; n++) {
            Word x = w.get(i + n - 1);
            content |= !x.stop();
            lower |= x.lowerContent();
            boolean runOn = i + n < w.size() && lower && w.get(i + n).capital() && !x.closes() && !stopWord(x);
            boolean end = label ? runOn : x.rightHard() || runOn || i + n < w.size() && gone[i + n];
            if (end || x.closes()) {
              if (end && content && (n >= 2 || x.key().length() >= 4)) {
                at.computeIfAbsent(join(lines.get(l), i, n), k -> new ArrayList<>()).add(new int[] {l, i, n});
              }
              break;
            }
          }
        }
      }
      boolean more = false;
      for (Map.Entry<String, List<int[]>> e : at.entrySet()) {
        if (e.getValue().size() >= SLOT_REPEATS) {
          for (int[] p : e.getValue()) {
            java.util.Arrays.fill(gones.get(p[0]), p[1], p[1] + p[2], true);
            removed.add(RowFactory.create("template", e.getKey()));
          }
          more = true;
        }
      }
      if (!more) {
        return;
      }
    }
  }

  /**
   * Whether words[i, i + n) is long enough to be removed where it is not set apart: three words or more, two of them
   * neither stop words nor numbers. Such a template was set apart in 90% of its occurrences; the rest are the same
   * furniture run into a caption without punctuation ("11 outrageous quotes Hide Caption 6 of 12 Photos"), not a
   * phrase of the language, which a short template ("Advertisement", "Listen") can be.
   */
  private static boolean longEnough(List<Word> w, int i, int n) {
    int content = 0;
    for (int j = i; j < i + n; j++) {
      content += w.get(j).stop() ? 0 : 1;
    }
    return n >= 3 && content >= 2;
  }

  /**
   * Marks the words of every run of verbatimWords words whose hash is a V template of the outlet, and records each
   * stretch of marked words (overlapping runs make one stretch) as one removal.
   */
  private static void removeVerbatim(List<Word> w, Map<Long, Kind> mine, int verbatimWords, boolean[] gone,
      List<Row> removed) {
    boolean any = false;
    for (int i = 0; i + verbatimWords <= w.size(); i++) {
      if (mine.get(verbatimHash(w, i, verbatimWords)) == Kind.V) {
        java.util.Arrays.fill(gone, i, i + verbatimWords, true);
        any = true;
      }
    }
    for (int i = 0; any && i < w.size(); ) {
      if (!gone[i]) {
        i++;
        continue;
      }
      int e = i;
      while (e < w.size() && gone[e]) {
        e++;
      }
      removed.add(RowFactory.create("template", join(w, i, e - i)));
      i = e;
    }
  }

  /**
   * A byline is the first or the last line of a text when it has 1 to MAX_CREDIT words, each a name part (see
   * {@link #namePart}) and at least one capitalised, does not end a sentence, is not the title, and is not the whole
   * text: "Doug Stanglin", "By Deborah Barfield Berry and John Hult".
   */
  static String withoutBylines(String text, String title, Set<String> stop, List<Row> removed) {
    if (text == null) {
      return null;
    }
    String[] lines = text.split("\n");
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) {
      first++;
    }
    int last = lines.length - 1;
    while (last > first && lines[last].isBlank()) {
      last--;
    }
    if (last <= first) {
      return text;
    }
    boolean dropFirst = byline(lines[first], title, stop);
    boolean dropLast = byline(lines[last], title, stop);
    if (!dropFirst && !dropLast) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < lines.length; i++) {
      if (i == first && dropFirst || i == last && dropLast) {
        removed.add(RowFactory.create("byline", join(words(lines[i], stop), 0, words(lines[i], stop).size())));
        continue;
      }
      out.append(lines[i]).append('\n');
    }
    return Cleaning.normaliseSpace(out.toString());
  }

  private static boolean byline(String line, String title, Set<String> stop) {
    String l = line.strip();
    if (l.isEmpty() || ".!?".indexOf(l.charAt(l.length() - 1)) >= 0
        || title != null && squeeze(title).equals(squeeze(l))) {
      return false;
    }
    List<Word> w = words(l, stop);
    if (w.isEmpty() || w.size() > MAX_CREDIT) {
      return false;
    }
    boolean capital = false;
    for (Word x : w) {
      if (!namePart(x)) {
        return false;
      }
      capital |= x.capital() && !x.key().equals("#");
    }
    return capital;
  }

  /** The words a list of names, agencies and dates joins with; any other stop word makes a phrase ("Shame on you"). */
  private static final Set<String> JOINERS = Set.of("and", "by", "By", "for", "of", "the", "The", "with");

  /**
   * A word of a credit or byline: capitalised and not a stop word (a Title Case headline has "To", "As"), a joiner, a
   * number, or an agency after a slash ("/Landov" in "Reuters /Landov").
   */
  private static boolean namePart(Word x) {
    return x.key().equals("#") || JOINERS.contains(x.key()) || x.capital() && !x.stop()
        || x.key().length() > 1 && x.key().charAt(0) == '/' && Character.isUpperCase(x.key().charAt(1));
  }

  /**
   * A photo credit standing on its own, templates or not: words[from, to), a stretch between hard bounds (or from a
   * comma, as in a caption's list of credits, to a hard bound, and then with no joiner: namesOnly), is one when
   * it holds 1 to MAX_CREDIT name parts and one of them joins a name and an agency with a slash, the form photo desks
   * use ("Chip Somodevilla/Getty Images", "(Aaron P. Bernstein/Reuters)", "Reuters /Landov"). Returns the end of the
   * credit, or from when there is none. A stretch ending in a colon introduces what follows, as in {@link #credit}.
   */
  static int slashCredit(List<Word> w, int from, int to, boolean namesOnly) {
    if (to - from < 1 || to - from > MAX_CREDIT || w.get(to - 1).colon()) {
      return from;
    }
    boolean slash = false;
    for (int j = from; j < to; j++) {
      Word x = w.get(j);
      if (!namePart(x) || namesOnly && JOINERS.contains(x.key())) {
        return from;
      }
      slash |= agencySlash(x);
    }
    return slash ? to : from;
  }

  /** Whether a word joins a name and an agency with a slash: a capital after one of its slashes ("Name/dpa/Newscom"). */
  private static boolean agencySlash(Word x) {
    String k = x.key();
    for (int at = k.indexOf('/'); at >= 0; at = k.indexOf('/', at + 1)) {
      if (at + 1 < k.length() && Character.isUpperCase(k.charAt(at + 1)) && (at == 0 || Character.isLetter(k.charAt(at - 1)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A photo credit that opens a caption run into it: from words[from], two to MAX_CREDIT name parts ending in one
   * that joins a name and an agency with a slash, then a capital ("Melanie Stetson Freeman/Staff Supporters of Bobi
   * Wine ..."). Returns the end of the credit, or from when there is none. One word alone ("Trump/Pence Campaign")
   * is no credit.
   */
  static int leadingCredit(List<Word> w, int from, int to) {
    for (int j = from; j < to - 1 && j - from < MAX_CREDIT && namePart(w.get(j)); j++) {
      if (agencySlash(w.get(j))) {
        return j > from && !w.get(j).closes() && w.get(j + 1).capital() ? j + 1 : from;
      }
    }
    return from;
  }

  private static String squeeze(String s) {
    return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
  }

  /** The first word of the stretch that ends right before words[i], back to a hard boundary. */
  private static int previousStart(List<Word> w, int i) {
    int p = i - 1;
    while (p > 0 && !w.get(p).leftHard() && !w.get(p - 1).rightHard()) {
      p--;
    }
    return Math.max(p, 0);
  }

  /** One past the last word of the stretch that starts at words[from], up to a hard boundary. */
  private static int nextEnd(List<Word> w, int from) {
    int e = from;
    while (e < w.size() && (e == from || !w.get(e).leftHard())) {
      if (w.get(e++).rightHard()) {
        break;
      }
    }
    return e;
  }

  /**
   * words[from, to), beside a removed template up to a hard boundary, is its credit when it holds 1 to MAX_CREDIT
   * words, each a name part (see {@link #namePart}), one capitalised (names, agencies, dates: "Jeff J Mitchell/Getty
   * Images", "Maggie Haberman" before "contributed to this report"): removed too. Returns where the caller goes on.
   */
  private static int credit(List<Word> w, boolean[] gone, List<Row> removed, int from, int to) {
    // A stretch that ends at a colon introduces what follows ("Rasmussen: NATO vital"): a name, not a credit.
    if (to - from < 1 || to - from > MAX_CREDIT || w.get(to - 1).colon()) {
      return from;
    }
    boolean name = false;
    for (int j = from; j < to; j++) {
      if (gone[j] || !namePart(w.get(j))) {
        return from;
      }
      name |= w.get(j).capital() && !w.get(j).key().equals("#");
    }
    if (!name) {
      return from;
    }
    for (int j = from; j < to; j++) {
      gone[j] = true;
    }
    removed.add(RowFactory.create("credit", join(w, from, to - from)));
    return to;
  }
}
