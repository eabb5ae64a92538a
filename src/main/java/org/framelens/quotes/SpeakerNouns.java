package org.framelens.quotes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.framelens.pipeline.FramelensException;

/** The nouns that head a nominal speaker: the bundled {@code speaker-nouns.txt}, or --speaker-nouns. */
final class SpeakerNouns {
  private SpeakerNouns() {}

  static Set<String> load(String path, Configuration conf) {
    try {
      if (path == null) {
        try (InputStream in = SpeakerNouns.class.getResourceAsStream("speaker-nouns.txt")) {
          return parse("speaker-nouns.txt", in);
        }
      }
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new FramelensException("the speaker-noun list " + path + " does not exist");
      }
      try (InputStream in = fs.open(p)) {
        return parse(path, in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the speaker-noun list " + path + ": " + e.getMessage(), e);
    }
  }

  static Set<String> parse(String source, InputStream in) throws IOException {
    Set<String> words = new HashSet<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = r.readLine(); line != null; line = r.readLine()) {
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
