package org.framelens.entities;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.framelens.pipeline.RunContext;

/** The summary's actor section: per outlet, its most-named entities and how it most often labels them. */
final class ActorSummary {
  private ActorSummary() {}

  record Text(String screen, String report) {}

  static Text of(RunContext out, EntityOptions o, int screenOutlets) {
    if (!out.has(EntityTables.ENTITY_OUTLETS) || !out.has(EntityTables.DESCRIPTORS) || !out.has(EntityTables.ENTITIES)) {
      return new Text("", "");
    }
    Dataset<Row> top = out.table(EntityTables.ENTITY_OUTLETS)
        .withColumn("total", sum("mentions").over(Window.partitionBy("outlet")))
        .withColumn("r", row_number().over(Window.partitionBy("outlet").orderBy(col("mentions").desc(), col("entity_id"))))
        .filter(col("r").leq(o.topActors))
        .join(out.table(EntityTables.ENTITIES).select("entity_id", "canonical_name"), "entity_id");
    Dataset<Row> desc = out.table(EntityTables.DESCRIPTORS)
        .join(top.select("outlet", "entity_id"), new String[] {"outlet", "entity_id"})
        .withColumn("r", row_number().over(Window.partitionBy("outlet", "entity_id")
            .orderBy(col("count").desc(), col("descriptor"))))
        .filter(col("r").leq(o.topDescriptors));
    Map<String, List<String>> labels = new LinkedHashMap<>();
    for (Row r : desc.orderBy("outlet", "entity_id", "r").collectAsList()) {
      labels.computeIfAbsent(r.getAs("outlet") + "\u0000" + r.getAs("entity_id"), k -> new ArrayList<>())
          .add(String.format(Locale.ROOT, "%s (%d)", r.<String>getAs("descriptor"), r.<Long>getAs("count")));
    }
    Map<String, List<String>> actors = new LinkedHashMap<>();
    for (Row r : top.orderBy(col("total").desc(), col("outlet"), col("r")).collectAsList()) {
      String outlet = r.getAs("outlet");
      List<String> l = labels.getOrDefault(outlet + "\u0000" + r.getAs("entity_id"), List.of());
      actors.computeIfAbsent(outlet, k -> new ArrayList<>()).add(String.format(Locale.ROOT, "%s (%d)%s",
          r.<String>getAs("canonical_name"), r.<Long>getAs("mentions"), l.isEmpty() ? "" : ": " + String.join(", ", l)));
    }
    if (actors.isEmpty()) {
      return new Text("", "");
    }
    String title = "Most-named actors per outlet (mentions; most frequent descriptors, with counts)";
    StringBuilder screen = new StringBuilder("\n").append(title).append(":\n");
    StringBuilder report = new StringBuilder("\n## ").append(title).append("\n\n| outlet | actors |\n|---|---|\n");
    int shown = 0;
    for (Map.Entry<String, List<String>> e : actors.entrySet()) {
      if (shown++ < screenOutlets) {
        screen.append("  ").append(e.getKey()).append('\n');
        e.getValue().forEach(a -> screen.append("      ").append(a).append('\n'));
      }
      report.append("| ").append(e.getKey().replace("|", "\\|")).append(" | ")
          .append(String.join("<br>", e.getValue()).replace("|", "\\|")).append(" |\n");
    }
    if (actors.size() > screenOutlets) {
      screen.append(String.format(Locale.ROOT, "  ... and %d more outlets: see report.md%n", actors.size() - screenOutlets));
    }
    return new Text(screen.toString(), report.toString());
  }
}
