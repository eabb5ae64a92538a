package org.framelens.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.spark.ml.feature.StopWordsRemover;

/**
 * The stop-word list: Spark ML's English list (the one StopWordsRemover uses by default, documented in
 * docs/text-analysis.md), folded like the tokens, plus an optional user file.
 */
public final class StopWords {
  private StopWords() {}

  public static Set<String> load(AnalysisOptions options, Configuration hadoopConf) {
    Set<String> words = new TreeSet<>();
    Arrays.stream(StopWordsRemover.loadDefaultStopWords("english")).forEach(w -> words.add(normalise(w, options)));
    if (options.stopwordsFile != null) {
      Path path = new Path(options.stopwordsFile);
      try {
        FileSystem fs = path.getFileSystem(hadoopConf);   // cached by Hadoop: never closed here
        BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8));
        in.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .forEach(w -> words.add(normalise(w, options)));
        in.close();
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the stop-word file " + options.stopwordsFile + ": " + e.getMessage(), e);
      }
    }
    return words;
  }

  /** Stop words must match tokens after lower-casing, folding and the curly-apostrophe variants. */
  private static String normalise(String word, AnalysisOptions options) {
    String w = word.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    return options.keepAccents ? w : foldAscii(w);
  }

  private static String foldAscii(String w) {
    char[] out = new char[w.length() * 4];
    int n = ASCIIFoldingFilter.foldToASCII(w.toCharArray(), 0, out, 0, w.length());
    return new String(out, 0, n);
  }
}
