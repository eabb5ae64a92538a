package org.framelens.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * One figure of report/index.html: a Vega-Lite or Vega specification with its data inlined, or a plain table; and
 * the keyword-in-context lines its marks open when clicked: a mark whose datum has a {@code kwic} field opens the
 * lines of that key: the lines of a term ({@link Drill}), which the report stage finds for all charts in one pass over
 * the documents, or lines its stage cut itself ({@code lines}: mentions, at the offsets the entities stage recorded).
 * Stages build their own charts; the report stage lays them out.
 */
public record Chart(String id, String title, String caption, JsonNode spec, List<String> columns,
    List<List<Object>> rows, List<Chart.Drill> kwic, Map<String, List<Map<String, Object>>> lines) {

  /** Keyword-in-context lines stored in the page for each key a chart opens. */
  public static final int KWIC_LINES = 5;

  /**
   * The lines wanted under {@code key}: those of a term (as doc_terms writes it) in the documents of one group of
   * {@code groupBy}, or of every document when {@code group} is null.
   */
  public record Drill(String key, String groupBy, String group, String term) {
    public Drill(String groupBy, String group, String term) {
      this((group == null ? "" : group) + "\u0000" + term, groupBy, group, term);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A Vega-Lite chart: {@code specJson} without data, to which the values are attached as its inline data. */
  public static Chart vegaLite(String id, String title, String caption, String specJson, List<Map<String, Object>> values,
      List<Drill> kwic) {
    ObjectNode spec = parse(specJson);
    spec.put("$schema", "https://vega.github.io/schema/vega-lite/v5.json");
    spec.putObject("data").set("values", JSON.valueToTree(values));
    return new Chart(id, title, caption, spec, null, null, kwic, Map.of());
  }

  /**
   * The chart with a drop-down list bound to the parameter {@code name} (which its filters read), over these
   * choices, the first chosen.
   */
  public Chart withChooser(String name, String label, List<String> choices) {
    ObjectNode p = ((ObjectNode) spec).putArray("params").addObject().put("name", name);
    p.put("value", choices.get(0));
    ObjectNode bind = p.putObject("bind").put("input", "select").put("name", label + ": ");
    bind.set("options", JSON.valueToTree(choices));
    return this;
  }

  /** The chart with lines of its own, by the key its data's {@code kwic} field gives. */
  public Chart withLines(Map<String, List<Map<String, Object>>> own) {
    return new Chart(id, title, caption, spec, columns, rows, kwic, own);
  }

  /** A Vega specification (the network), whose data sets are already in it. */
  public static Chart vega(String id, String title, String caption, ObjectNode spec) {
    spec.put("$schema", "https://vega.github.io/schema/vega/v5.json");
    return new Chart(id, title, caption, spec, null, null, List.of(), Map.of());
  }

  public static Chart table(String id, String title, String caption, List<String> columns, List<List<Object>> rows) {
    return new Chart(id, title, caption, null, columns, rows, List.of(), Map.of());
  }

  public static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("bad chart specification: " + e.getOriginalMessage(), e);
    }
  }

  /** Rows as name-value maps, dates and other values as their text, for a chart's data. */
  public static List<Map<String, Object>> values(List<Row> rows) {
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      String[] names = r.schema().fieldNames();
      for (int i = 0; i < names.length; i++) {
        Object v = r.get(i);
        m.put(names[i], v == null || v instanceof Number || v instanceof Boolean || v instanceof String ? v : v.toString());
      }
      out.add(m);
    }
    return out;
  }
}
