package org.framelens.entities;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.framelens.pipeline.FramelensException;

/**
 * The researcher's actor list (--actors): CSV with the header {@code canonical_name,type,aliases}; type PERSON,
 * ORGANIZATION or LOCATION (or PER, ORG, LOC); aliases separated by '|', each either a name matched as whole tokens
 * (accents ignored, case as written) or {@code re:} and a Java regular expression matched against the text (a match
 * counts only where it starts and ends on token boundaries). The canonical name is an alias too. Lines starting with
 * '#' are comments. Read on the driver through Hadoop's FileSystem; any bad row stops the run with its line number.
 */
public final class ActorDictionary implements Serializable {

  public record Actor(String canonical, String type, List<String> names, List<String> patterns, int line)
      implements Serializable {
    public String key() {
      return Names.key(canonical, type);
    }
  }

  private final List<Actor> actors;

  private ActorDictionary(List<Actor> actors) {
    this.actors = List.copyOf(actors);
  }

  public static ActorDictionary empty() {
    return new ActorDictionary(List.of());
  }

  public List<Actor> actors() {
    return actors;
  }

  public boolean isEmpty() {
    return actors.isEmpty();
  }

  public static ActorDictionary load(String path, Configuration conf) {
    if (path == null) {
      return empty();
    }
    Path p = new Path(path);
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new FramelensException("the actor dictionary " + path + " does not exist");
      }
      try (Reader in = new InputStreamReader(fs.open(p), StandardCharsets.UTF_8)) {
        return parse(path, in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the actor dictionary " + path + ": " + e.getMessage(), e);
    }
  }

  static ActorDictionary parse(String source, Reader in) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setComment('#');
    settings.getFormat().setLineSeparator("\n");
    settings.setLineSeparatorDetectionEnabled(true);
    settings.setSkipEmptyLines(true);
    settings.setMaxCharsPerColumn(1 << 20);
    settings.setIgnoreLeadingWhitespaces(true);
    settings.setIgnoreTrailingWhitespaces(true);
    CsvParser parser = new CsvParser(settings);
    parser.beginParsing(in);
    List<Actor> actors = new ArrayList<>();
    Map<String, Integer> canonicalLines = new HashMap<>();
    Map<String, Actor> aliasOwner = new HashMap<>();
    boolean header = true;
    for (String[] row; (row = parser.parseNext()) != null; ) {
      int line = (int) parser.getContext().currentLine();
      String where = source + " line " + line + ": ";
      if (header) {
        String h = String.join(",", trimAll(row)).toLowerCase(Locale.ROOT).replace("\ufeff", "");
        if (!h.equals("canonical_name,type,aliases") && !h.equals("canonical_name,type")) {
          throw new FramelensException(where + "expected the header canonical_name,type,aliases, found '" + h + "'");
        }
        header = false;
        continue;
      }
      if (row.length < 2 || row.length > 3) {
        throw new FramelensException(where + "expected 3 fields (canonical_name,type,aliases), found " + row.length
            + " (quote a field that contains a comma)");
      }
      String canonical = row[0] == null ? "" : row[0].strip();
      if (canonical.isEmpty()) {
        throw new FramelensException(where + "the canonical name is empty");
      }
      String type = type(row[1], where);
      List<String> names = new ArrayList<>(List.of(canonical));
      List<String> patterns = new ArrayList<>();
      if (row.length == 3 && row[2] != null && !row[2].isBlank()) {
        for (String a : row[2].split("\\|", -1)) {
          String alias = a.strip();
          if (alias.isEmpty()) {
            throw new FramelensException(where + "empty alias between '|' separators in '" + row[2] + "'");
          }
          if (alias.startsWith("re:")) {
            String re = alias.substring(3);
            try {
              Pattern.compile(re);
            } catch (PatternSyntaxException e) {
              throw new FramelensException(where + "invalid pattern '" + alias + "': " + e.getDescription()
                  + " near index " + e.getIndex());
            }
            if (re.isEmpty()) {
              throw new FramelensException(where + "empty pattern 're:'");
            }
            patterns.add(re);
          } else {
            names.add(alias);
          }
        }
      }
      Actor actor = new Actor(canonical, type, List.copyOf(names), List.copyOf(patterns), line);
      String id = Names.entityId(type, actor.key());
      Integer previous = canonicalLines.putIfAbsent(id, line);
      if (previous != null) {
        throw new FramelensException(where + "'" + canonical + "' (" + type + ") is already defined on line " + previous);
      }
      for (String name : names) {
        if (name.split("\\s+").length == 1 && Names.isPronoun(name)) {
          throw new FramelensException(where + "alias '" + name + "' is a pronoun; pronouns are never entity mentions");
        }
        Actor owner = aliasOwner.putIfAbsent(Names.fold(name), actor);
        if (owner != null && owner != actor) {
          throw new FramelensException(where + "alias '" + name + "' already names '" + owner.canonical() + "' (line "
              + owner.line() + "); an alias must name one actor");
        }
      }
      actors.add(actor);
    }
    parser.stopParsing();
    if (header) {
      throw new FramelensException(source + ": empty actor dictionary (expected the header canonical_name,type,aliases)");
    }
    return new ActorDictionary(actors);
  }

  private static String[] trimAll(String[] row) {
    String[] out = new String[row.length];
    for (int i = 0; i < row.length; i++) {
      out[i] = row[i] == null ? "" : row[i].strip();
    }
    return out;
  }

  private static String type(String raw, String where) {
    String t = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
    return switch (t) {
      case "PERSON", "PER" -> Names.PERSON;
      case "ORGANIZATION", "ORGANISATION", "ORG" -> Names.ORGANIZATION;
      case "LOCATION", "LOC" -> Names.LOCATION;
      default -> throw new FramelensException(where + "unknown type '" + (raw == null ? "" : raw.strip())
          + "' (expected PERSON, ORGANIZATION or LOCATION)");
    };
  }
}
