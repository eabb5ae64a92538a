package org.framelens.quotes;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.framelens.pipeline.FramelensException;
import org.framelens.pipeline.SideFile;

/** The nouns that head a nominal speaker: the bundled {@code speaker-nouns.txt}, or --speaker-nouns. */
final class SpeakerNouns {
  private SpeakerNouns() {}

  static Set<String> load(String path, Configuration conf) {
    return parse(path == null ? "speaker-nouns.txt" : path,
        SideFile.lines(path, SpeakerNouns.class, "speaker-nouns.txt", "the speaker-noun list", conf));
  }

  static Set<String> parse(String source, List<String> lines) {
    Set<String> words = new HashSet<>();
    for (String line : lines) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        if (l.contains(" ")) {
          throw new FramelensException(source + ": one noun a line, got '" + line + "'");
        }
        words.add(l.toLowerCase(Locale.ROOT));
      }
    }
    if (words.isEmpty()) {
      throw new FramelensException(source + ": no noun in it");
    }
    return Set.copyOf(words);
  }
}
