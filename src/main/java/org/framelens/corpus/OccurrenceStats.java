package org.framelens.corpus;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the template rule needs to know of a candidate's occurrences in one outlet (see {@link Templates#OCCURRENCE}):
 * how many, how bounded, how often its most frequent neighbour word stands on each side, and how often its sentence
 * runs on after it. The candidates are few (hundreds per outlet), so each task keeps one small map per candidate; the
 * occurrences meet in one shuffle by candidate instead of three aggregations over a row per neighbour word.
 */
final class OccurrenceStats {
  static final StructType RESULT = new StructType()
      .add("outlet", DataTypes.StringType, true)
      .add("seq", DataTypes.StringType, false)
      .add("occ", DataTypes.LongType, false)
      .add("sentence", DataTypes.BooleanType, false)
      .add("both", DataTypes.LongType, false)
      .add("left_edge", DataTypes.LongType, false)
      .add("right_edge", DataTypes.LongType, false)
      .add("label_end", DataTypes.LongType, false)
      .add("left_max", DataTypes.LongType, false)
      .add("right_max", DataTypes.LongType, false)
      .add("left_slot_max", DataTypes.LongType, false)
      .add("right_slot_max", DataTypes.LongType, false)
      .add("runs_on", DataTypes.LongType, false)
      .add("right_lower_max", DataTypes.LongType, false);

  private OccurrenceStats() {
  }

  /**
   * One row per (outlet, seq) of the occurrences (outlet and the columns of Templates.OCCURRENCE). A slot's maximum
   * leaves out a title's capitalised stop word (after "| AP Photos" a headline starts with "The" one time in nine);
   * 0 where no word stands on that side, as after "Read more" or "The Associated Press contributed to this report".
   */
  static Dataset<Row> of(Dataset<Row> occurrences, Set<String> stop) {
    return occurrences.repartition(col("outlet"), col("seq")).mapPartitions(new Aggregate(Set.copyOf(stop)),
        Encoders.row(RESULT));
  }

  private static final class Stats {
    long occ;
    boolean sentence;
    long both;
    long leftEdge;
    long rightEdge;
    long labelEnd;
    long runsOn;
    final Map<String, Long> left = new HashMap<>();
    final Map<String, Long> right = new HashMap<>();
  }

  private static final class Aggregate implements MapPartitionsFunction<Row, Row> {
    private final Set<String> stop;

    Aggregate(Set<String> stop) {
      this.stop = stop;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      Map<List<String>, Stats> all = new HashMap<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        Stats s = all.computeIfAbsent(java.util.Arrays.asList(r.<String>getAs("outlet"), r.<String>getAs("seq")),
            k -> new Stats());
        s.occ++;
        s.sentence |= r.<Boolean>getAs("sentence");
        s.both += r.<Boolean>getAs("both") ? 1 : 0;
        s.leftEdge += r.<Boolean>getAs("left_edge") ? 1 : 0;
        s.rightEdge += r.<Boolean>getAs("right_edge") ? 1 : 0;
        s.labelEnd += r.<Boolean>getAs("label_end") ? 1 : 0;
        s.runsOn += r.<Boolean>getAs("runs_on") ? 1 : 0;
        String l = r.getAs("left");
        String w = r.getAs("right");
        if (l != null) {
          s.left.merge(l, 1L, Long::sum);
        }
        if (w != null) {
          s.right.merge(w, 1L, Long::sum);
        }
      }
      List<Row> out = new ArrayList<>(all.size());
      all.forEach((key, s) -> out.add(RowFactory.create(key.get(0), key.get(1), s.occ, s.sentence, s.both, s.leftEdge,
          s.rightEdge, s.labelEnd, most(s.left, w -> true), most(s.right, w -> true), most(s.left, this::inSlot),
          most(s.right, this::inSlot), s.runsOn, most(s.right, w -> Character.isLowerCase(w.codePointAt(0))))));
      return out.iterator();
    }

    /** The count of the most frequent neighbour word among those counted. */
    private static long most(Map<String, Long> words, java.util.function.Predicate<String> counted) {
      long most = 0;
      for (Map.Entry<String, Long> e : words.entrySet()) {
        if (counted.test(e.getKey())) {
          most = Math.max(most, e.getValue());
        }
      }
      return most;
    }

    /** Whether a neighbour word counts against a slot's variety: all but a title's capitalised stop word. */
    private boolean inSlot(String w) {
      return !titleStop(w);
    }

    private boolean titleStop(String w) {
      return !w.isEmpty() && Character.getType(w.codePointAt(0)) == Character.UPPERCASE_LETTER
          && stop.contains(w.toLowerCase(Locale.ROOT));
    }
  }
}
