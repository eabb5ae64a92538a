package org.framelens.entities;

import static org.apache.spark.sql.functions.*;
import static org.apache.spark.sql.types.DataTypes.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import org.framelens.corpus.CorpusTables;
import org.framelens.pipeline.Chart;
import org.framelens.pipeline.RunContext;

/**
 * The report's keyword-in-context lines of actors and of their labels, cut from documents.text at the offsets the
 * mentions table records (so a line shows the very mention that was counted, as CoreNLP and the resolution saw it):
 * the mention with at most {@link #WINDOW} characters of its paragraph on either side. A label's lines are the
 * outlet's mentions of the actor whose paragraph, within {@link #SPAN} characters of the mention, writes the label;
 * the line marks the label and the name together. At most {@link Chart#KWIC_LINES} lines a key, earliest doc_id
 * and offset first; only those lines are collected.
 */
final class MentionLines {
  private MentionLines() {}

  static final int WINDOW = 80;
  /** Characters read either side of a mention: a label is next to its name (a title, an appositive). */
  static final int SPAN = 200;

  /** The key of an actor's lines in an outlet, as a chart's datum names it. */
  static String actorKey(String outlet, String actor) {
    return outlet + "\u0000" + actor + "\u0000actor";
  }

  /** The key of the lines where an outlet gives an actor a label. */
  static String labelKey(String outlet, String actor, String label) {
    return outlet + "\u0000" + label + " \u2014 " + actor + "\u0000label";
  }

  /**
   * The lines of each (outlet, entity_id) pair of {@code actors} and of each label of {@code labels} (outlet,
   * entity_id, descriptor; null for none); {@code names} maps entity ids to the names the charts show.
   */
  static Map<String, List<Map<String, Object>>> of(RunContext ctx, Dataset<Row> actors, Dataset<Row> labels,
      Map<String, String> names) {
    String[] pair = {"outlet", "entity_id"};
    Dataset<Row> wanted = actors.select(pair[0], pair[1]);
    if (labels != null) {
      wanted = wanted.union(labels.select(pair[0], pair[1]));
    }
    Dataset<Row> docs = ctx.table(CorpusTables.DOCUMENTS).select("doc_id", "text", "published", "title");
    StructType contexts = new StructType().add("doc_id", StringType, false).add("outlet", StringType, true)
        .add("entity_id", StringType, false).add("start", IntegerType, false).add("surface", StringType, true)
        .add(docs.schema().apply("published")).add("title", StringType, true).add("before", StringType, false)
        .add("after", StringType, false).add("before_cut", BooleanType, false).add("after_cut", BooleanType, false);
    // Cut in Java, one document at a time: the offsets are UTF-16 code units (Java's String), while Spark's substr
    // counts code points and walks the UTF-8 text from its start for every mention (an eighth of the CPU samples of
    // `framelens quotes` on 2,000 articles, where 2 of 824 actors' lines were shifted by an emoji).
    Dataset<Row> around = ctx.table(EntityTables.MENTIONS).join(wanted.distinct(), pair, "left_semi")
        .groupBy("doc_id").agg(collect_list(struct("outlet", "entity_id", "start", "end", "surface")).as("m"))
        .join(docs, "doc_id")
        .flatMap((FlatMapFunction<Row, Row>) MentionLines::contexts, Encoders.row(contexts));
    Dataset<Row> lines = around.join(actors.select(pair[0], pair[1]).distinct(), pair, "left_semi")
        .withColumn("_n", row_number().over(Window.partitionBy("outlet", "entity_id").orderBy("doc_id", "start")))
        .filter(col("_n").leq(Chart.KWIC_LINES)).withColumn("descriptor", lit(null).cast("string"));
    if (labels != null) {
      Column paragraph = lower(concat(col("before"), col("surface"), col("after")));
      lines = lines.unionByName(around.join(labels.select("outlet", "entity_id", "descriptor"), pair)
          .filter(paragraph.contains(col("descriptor")))
          .withColumn("_n", row_number().over(Window.partitionBy("outlet", "entity_id", "descriptor").orderBy("doc_id", "start")))
          .filter(col("_n").leq(Chart.KWIC_LINES)));
    }
    Map<String, List<Map<String, Object>>> out = new HashMap<>();
    for (Row r : lines.orderBy("outlet", "entity_id", "descriptor", "_n").collectAsList()) {
      String outlet = r.getAs("outlet");
      String actor = names.getOrDefault((String) r.getAs("entity_id"), r.getAs("entity_id"));
      String label = r.getAs("descriptor");
      String key = label == null ? actorKey(outlet, actor) : labelKey(outlet, actor, label);
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(line(r.getAs("before"), r.getAs("surface"), r.getAs("after"),
          r.getAs("before_cut"), r.getAs("after_cut"), label, outlet, r.getAs("published"), r.getAs("title")));
    }
    return out;
  }

  /**
   * A document's mentions (doc_id, m: outlet, entity_id, start, end, surface; text, published, title) with what
   * precedes each in its paragraph, at most {@link #SPAN} characters, and what follows it; the flags say that the
   * span read ended inside the paragraph. Offsets past the text (tables of different runs) are taken as its end.
   */
  static Iterator<Row> contexts(Row d) {
    String text = d.getAs("text");
    List<Row> out = new ArrayList<>();
    for (Row m : d.<Row>getList(d.fieldIndex("m"))) {
      int start = Math.min(m.getInt(2), text.length());
      int end = Math.max(start, Math.min(m.getInt(3), text.length()));
      int from = Math.max(0, start - SPAN);
      if (from > 0 && Character.isLowSurrogate(text.charAt(from))) {
        from++;   // not half an emoji
      }
      int to = Math.min(text.length(), end + SPAN);
      if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
        to--;
      }
      String before = text.substring(from, start);
      int k = before.lastIndexOf("\n\n");
      boolean beforeCut = k < 0 && from > 0;
      before = k < 0 ? before : before.substring(k + 2);
      String after = text.substring(end, to);
      k = after.indexOf("\n\n");
      boolean afterCut = k < 0 && to < text.length();
      after = k < 0 ? after : after.substring(0, k);
      out.add(RowFactory.create(d.getAs("doc_id"), m.getString(0), m.getString(1), m.getInt(2), m.getString(4),
          d.getAs("published"), d.getAs("title"), before, after, beforeCut, afterCut));
    }
    return out.iterator();
  }

  /**
   * One line: the mention marked, or the mention and the label's occurrence nearest to it (overlapping it, before or
   * after it) with what lies between, its paragraph's context cut to {@link #WINDOW} characters at word boundaries, line breaks as spaces.
   * {@code beforeCut} and {@code afterCut} say that the context given was itself cut inside the paragraph.
   */
  static Map<String, Object> line(String before, String surface, String after, boolean beforeCut, boolean afterCut,
      String label, String outlet, Object published, String title) {
    int matchStart = before.length();
    int matchEnd = matchStart + surface.length();
    String text = before + surface + after;
    if (label != null) {
      // Lower-casing keeps the offsets of the text it is found in only where it keeps the length.
      String lower = text.toLowerCase(Locale.ROOT);
      int best = -1;
      int bestGap = Integer.MAX_VALUE;
      for (int i = lower.indexOf(label); i >= 0 && lower.length() == text.length(); i = lower.indexOf(label, i + 1)) {
        int gap = Math.max(0, Math.max(i - matchEnd, matchStart - (i + label.length())));
        if (gap < bestGap) {
          best = i;
          bestGap = gap;
        }
      }
      if (best >= 0) {
        matchStart = Math.min(matchStart, best);
        matchEnd = Math.max(matchEnd, best + label.length());
      }
    }
    int from = Math.max(0, matchStart - WINDOW);
    int to = Math.min(text.length(), matchEnd + WINDOW);
    String leftText = text.substring(from, matchStart);
    String rightText = text.substring(matchEnd, to);
    if (from > 0 || beforeCut) {
      int space = leftText.indexOf(' ');
      leftText = "\u2026" + (space >= 0 ? leftText.substring(space + 1) : leftText);
    }
    if (to < text.length() || afterCut) {
      int space = rightText.lastIndexOf(' ');
      rightText = (space >= 0 ? rightText.substring(0, space) : rightText) + "\u2026";
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("outlet", outlet);
    m.put("published", published == null ? null : published.toString());
    m.put("title", title);
    m.put("left", flat(leftText).stripLeading());
    m.put("match", flat(text.substring(matchStart, matchEnd)));
    m.put("right", flat(rightText).stripTrailing());
    return m;
  }

  private static String flat(String s) {
    return s.replace('\n', ' ');
  }
}
