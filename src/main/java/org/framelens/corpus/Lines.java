package org.framelens.corpus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Line-level cleaning of normalised text (lines separated by \n, paragraphs by one blank line): the keys that find
 * an outlet's boilerplate lines, and the removal of those lines and of lines repeated within a document. Written
 * as one pass in Java because the same logic in Spark SQL's higher-order functions is interpreted and quadratic.
 */
final class Lines {
  private Lines() {}

  static final StructType DROP_RESULT = new StructType()
      .add("text", DataTypes.StringType, false)
      .add("boilerplate_lines", DataTypes.IntegerType, false)
      .add("repeated_lines", DataTypes.IntegerType, false);

  /** 64-bit FNV-1a of the lower-cased line: a line's identity across an outlet's documents. */
  static long key(String line) {
    String l = line.strip().toLowerCase(Locale.ROOT);
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < l.length(); i++) {
      h ^= l.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** The distinct keys of a text's non-blank lines. */
  static final UDF1<String, List<Long>> KEYS = text -> {
    Set<Long> keys = new LinkedHashSet<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        keys.add(key(line));
      }
    }
    return new ArrayList<>(keys);
  };

  /** Drops the outlet's boilerplate lines and repeats of earlier lines; keeps one blank line between paragraphs. */
  record Drop(Broadcast<Map<String, Set<Long>>> boilerplate) implements UDF2<String, String, Row> {
    @Override
    public Row call(String outlet, String text) {
      Set<Long> boiler = boilerplate.value().getOrDefault(outlet, Set.of());
      Set<String> seen = new HashSet<>();
      StringBuilder out = new StringBuilder(text.length());
      int boilerLines = 0;
      int repeated = 0;
      boolean blankPending = false;
      for (String line : text.split("\n")) {
        if (line.isBlank()) {
          blankPending = out.length() > 0;
          continue;
        }
        if (!boiler.isEmpty() && boiler.contains(key(line))) {
          boilerLines++;
          continue;
        }
        if (!seen.add(line)) {
          repeated++;
          continue;
        }
        if (out.length() > 0) {
          out.append(blankPending ? "\n\n" : "\n");
        }
        blankPending = false;
        out.append(line);
      }
      return RowFactory.create(out.toString(), boilerLines, repeated);
    }
  }
}
