package org.framelens.entities;

import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.framelens.pipeline.Chart;
import org.framelens.pipeline.RunContext;

/** The actors' part of report/index.html, from the entity tables: small aggregates, bounded whatever the corpus. */
final class ActorCharts {
  private ActorCharts() {}

  /** Outlets offered in the choosers (those with most mentions), actors per outlet, actors with descriptors. */
  static final int OUTLETS = 12;
  static final int PER_OUTLET = 12;
  static final int ACTORS = 15;
  static final int DESCRIPTORS = 6;
  /** Edges of the network drawn: the corpus-wide pairs seen in most windows. */
  static final int EDGES = 60;

  static List<Chart> of(RunContext ctx, EntityOptions o) {
    if (!ctx.has(EntityTables.ENTITY_OUTLETS) || !ctx.has(EntityTables.ENTITIES)) {
      return List.of();
    }
    Dataset<Row> names = ctx.table(EntityTables.ENTITIES).select("entity_id", "canonical_name", "type");
    Dataset<Row> eo = ctx.table(EntityTables.ENTITY_OUTLETS);
    List<String> outlets = eo.groupBy("outlet").agg(sum("mentions").as("m")).orderBy(col("m").desc(), col("outlet"))
        .limit(OUTLETS).select("outlet").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    if (outlets.isEmpty()) {
      return List.of();
    }
    List<Chart> charts = new ArrayList<>();
    Dataset<Row> namedPairs = eo.filter(col("outlet").isin(outlets.toArray()))
        .withColumn("_r", row_number().over(Window.partitionBy("outlet").orderBy(col("mentions").desc(), col("entity_id"))))
        .filter(col("_r").leq(PER_OUTLET)).join(names, "entity_id")
        .select(col("outlet"), col("entity_id"), col("canonical_name").as("actor"), col("type"), col("mentions"), col("documents"), col("share"));
    List<Map<String, Object>> named = Chart.values(namedPairs.orderBy("outlet", "actor").collectAsList());
    Map<String, String> actorNames = new HashMap<>();
    for (Map<String, Object> v : named) {
      actorNames.put((String) v.get("entity_id"), (String) v.get("actor"));
      v.put("kwic", MentionLines.actorKey((String) v.get("outlet"), (String) v.get("actor")));
    }
    Dataset<Row> labelled = null;
    List<Map<String, Object>> labels = List.of();
    List<String> labelledActors = List.of();
    if (ctx.has(EntityTables.DESCRIPTORS)) {
      List<Row> top = ctx.table(EntityTables.ENTITIES).filter(col("type").notEqual("LOCATION"))
          .join(ctx.table(EntityTables.DESCRIPTORS).select("entity_id").distinct(), "entity_id")
          .orderBy(col("mentions").desc(), col("entity_id")).limit(ACTORS).select("entity_id", "canonical_name").collectAsList();
      top.forEach(r -> actorNames.put(r.getString(0), r.getString(1)));
      labelledActors = top.stream().map(r -> r.getString(1)).toList();
      labelled = ctx.table(EntityTables.DESCRIPTORS)
          .filter(col("entity_id").isin(top.stream().map(r -> r.getString(0)).toArray()).and(col("outlet").isin(outlets.toArray())))
          .withColumn("_r", row_number().over(Window.partitionBy("outlet", "entity_id").orderBy(col("count").desc(), col("descriptor"))))
          .filter(col("_r").leq(DESCRIPTORS)).drop("_r");
      labels = Chart.values(labelled.join(names, "entity_id")
          .select(col("canonical_name").as("actor"), col("outlet"), col("descriptor"), col("count"), col("example"))
          .orderBy("actor", "outlet", "descriptor").collectAsList());
      for (Map<String, Object> v : labels) {
        v.put("kwic", MentionLines.labelKey((String) v.get("outlet"), (String) v.get("actor"), (String) v.get("descriptor")));
      }
    }
    Map<String, List<Map<String, Object>>> lines = ctx.has(org.framelens.corpus.CorpusTables.DOCUMENTS)
        ? MentionLines.of(ctx, namedPairs, labelled, actorNames) : Map.of();
    named.forEach(v -> v.remove("entity_id"));
    charts.add(Chart.vegaLite("actors-named", "Most-named actors of an outlet",
        String.format(Locale.ROOT, "The %d actors each outlet names most (mentions resolved to an entity), for the %d outlets with most mentions; the table entity_outlets holds them all. Click a bar for its mentions in context.", PER_OUTLET, outlets.size()),
        """
        {"width": 560, "transform": [{"filter": "datum.outlet === outlet"}],
         "mark": {"type": "bar", "cursor": "pointer"},
         "encoding": {"y": {"field": "actor", "type": "nominal", "sort": "-x", "title": null},
                      "x": {"field": "mentions", "type": "quantitative"},
                      "color": {"field": "type", "type": "nominal"},
                      "tooltip": [{"field": "actor"}, {"field": "type"}, {"field": "mentions"}, {"field": "documents"},
                                  {"field": "share", "format": ".1%"}]}}""", named, List.of())
        .withChooser("outlet", "outlet", outlets).withLines(pick(lines, named)));

    if (!labelledActors.isEmpty()) {
      charts.add(Chart.vegaLite("actors-descriptors", "How each outlet describes an actor",
          String.format(Locale.ROOT, "The labels (titles, modifiers, appositives) each outlet gives the actor, at most %d an outlet; hover for an example sentence, click a bar for its lines. The %d most-named people and organisations with labels.", DESCRIPTORS, labelledActors.size()),
          """
          {"transform": [{"filter": "datum.actor === actor"}],
           "facet": {"column": {"field": "outlet", "type": "nominal", "title": null}},
           "spec": {"width": 150, "mark": {"type": "bar", "cursor": "pointer"},
                    "encoding": {"y": {"field": "descriptor", "type": "nominal", "sort": "-x", "title": null},
                                 "x": {"field": "count", "type": "quantitative"},
                                 "tooltip": [{"field": "descriptor"}, {"field": "count"}, {"field": "example"}]}},
           "resolve": {"scale": {"y": "independent"}}}""", labels, List.of())
          .withChooser("actor", "actor", labelledActors).withLines(pick(lines, labels)));
    }

    if (ctx.has(EntityTables.COOCCURRENCE)) {
      List<Row> edges = ctx.table(EntityTables.COOCCURRENCE)
          .filter(col("scope").equalTo("ALL").and(col("window").equalTo(o.graphWindow.name())))
          .orderBy(col("count").desc(), col("entity_a"), col("entity_b")).limit(EDGES)
          .select("entity_a", "entity_b", "count", "npmi").collectAsList();
      if (!edges.isEmpty()) {
        charts.add(network(edges, names, o.graphWindow.name()));
      }
    }
    return charts;
  }

  /** The lines that these data's marks open. */
  private static Map<String, List<Map<String, Object>>> pick(Map<String, List<Map<String, Object>>> lines,
      List<Map<String, Object>> values) {
    Map<String, List<Map<String, Object>>> out = new HashMap<>();
    for (Map<String, Object> v : values) {
      List<Map<String, Object>> l = lines.get((String) v.get("kwic"));
      if (l != null) {
        out.put((String) v.get("kwic"), l);
      }
    }
    return out;
  }

  /** The co-occurrence network as a Vega force-directed graph: nodes sized by windows, edges by co-occurrences. */
  private static Chart network(List<Row> edges, Dataset<Row> names, String window) {
    Map<String, Integer> index = new HashMap<>();
    List<String> ids = new ArrayList<>();
    for (Row e : edges) {
      for (int i = 0; i < 2; i++) {
        if (index.putIfAbsent(e.getString(i), ids.size()) == null) {
          ids.add(e.getString(i));
        }
      }
    }
    Map<String, Row> byId = new HashMap<>();
    for (Row r : names.filter(col("entity_id").isin(ids.toArray())).collectAsList()) {
      byId.put(r.getString(0), r);
    }
    ObjectNode spec = Chart.parse("""
        {"width": 760, "height": 520, "autosize": "none",
         "signals": [{"name": "cx", "update": "width / 2"}, {"name": "cy", "update": "height / 2"}],
         "scales": [{"name": "color", "type": "ordinal", "domain": {"data": "node-data", "field": "type"}, "range": {"scheme": "category10"}},
                    {"name": "size", "type": "sqrt", "domain": {"data": "node-data", "field": "degree"}, "range": [40, 600]},
                    {"name": "width", "type": "linear", "domain": {"data": "link-data", "field": "count"}, "range": [0.5, 6]}],
         "legends": [{"fill": "color", "orient": "top-left", "title": "type"}],
         "marks": [
           {"name": "nodes", "type": "symbol", "zindex": 1, "from": {"data": "node-data"},
            "encode": {"enter": {"fill": {"scale": "color", "field": "type"}, "stroke": {"value": "white"},
                                 "tooltip": {"signal": "datum.name + ': ' + datum.degree + ' co-occurrences'"}},
                       "update": {"size": {"scale": "size", "field": "degree"}}},
            "transform": [{"type": "force", "iterations": 300, "static": true, "forces": [
              {"force": "center", "x": {"signal": "cx"}, "y": {"signal": "cy"}},
              {"force": "collide", "radius": 12},
              {"force": "nbody", "strength": -60},
              {"force": "link", "links": "link-data", "distance": 60}]}]},
           {"type": "path", "from": {"data": "link-data"}, "interactive": false,
            "encode": {"update": {"stroke": {"value": "#9aa5ad"}, "strokeOpacity": {"value": 0.6},
                                  "strokeWidth": {"scale": "width", "field": "count"}}},
            "transform": [{"type": "linkpath", "shape": "line", "sourceX": "datum.source.x", "sourceY": "datum.source.y",
                           "targetX": "datum.target.x", "targetY": "datum.target.y"}]},
           {"type": "text", "from": {"data": "nodes"}, "zindex": 2, "interactive": false,
            "encode": {"update": {"x": {"field": "x"}, "y": {"field": "y"}, "dx": {"value": 7}, "text": {"field": "datum.name"},
                                  "fontSize": {"value": 10}, "fill": {"value": "#333"}}}}]}""");
    long[] degree = new long[ids.size()];
    ArrayNode links = spec.putArray("data").addObject().put("name", "link-data").putArray("values");
    for (Row e : edges) {
      int a = index.get(e.getString(0));
      int b = index.get(e.getString(1));
      degree[a] += e.getLong(2);
      degree[b] += e.getLong(2);
      links.addObject().put("source", a).put("target", b).put("count", e.getLong(2)).put("npmi", e.getDouble(3));
    }
    ArrayNode nodes = ((ArrayNode) spec.get("data")).insertObject(0).put("name", "node-data").putArray("values");
    for (int i = 0; i < ids.size(); i++) {
      Row r = byId.get(ids.get(i));
      nodes.addObject().put("index", i).put("id", ids.get(i)).put("name", r == null ? ids.get(i) : r.getString(1))
          .put("type", r == null ? "?" : r.getString(2)).put("degree", degree[i]);
    }
    return Chart.vega("actors-network", "Who is named with whom",
        String.format(Locale.ROOT, "The %d pairs of actors named together in most %ss over the whole corpus (cooccurrence, scope ALL), %d actors; edge width = co-occurrences, node size = its edges' total. graphs/ holds the full graphs.",
            edges.size(), window, ids.size()), spec);
  }
}
