package org.framelens.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.framelens.pipeline.Chart;

/**
 * report/index.html: one self-contained page that works offline. Vega 5, Vega-Lite 5 and vega-embed 6 (the grammar
 * Altair and Jupyter users know; BSD-3-Clause, their licences beside them under vendor/) are inlined from the npm
 * packages' builds kept in the jar, with the charts' data and the keyword-in-context samples as one JSON block, so no
 * request leaves the page. The page's own script only lays out the charts and opens the lines of a clicked term.
 */
final class HtmlReport {
  private HtmlReport() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One stage's part: its heading, the charts, and the summary lines it printed. */
  record Part(String id, String heading, String screen, List<Chart> charts) {}

  static String render(JsonNode manifest, String runId, List<Part> parts, String skipped, int kwicLines,
      Map<String, List<Map<String, Object>>> lines) {
    StringBuilder h = new StringBuilder(1 << 20);
    h.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>framelens report - run ").append(esc(runId)).append("</title>\n<style>\n")
        .append(resource("report.css")).append("</style>\n");
    for (String lib : List.of("vega", "vega-lite", "vega-embed")) {
      // "</script" cannot occur inside an inline script; the builds do not hold it, checked here.
      String js = resource("vendor/" + lib + ".min.js");
      if (js.toLowerCase(Locale.ROOT).contains("</script")) {
        throw new IllegalStateException(lib + " cannot be inlined: it holds </script");
      }
      h.append("<script>").append(js).append("</script>\n");
    }
    h.append("</head>\n<body>\n<header>\n<h1>framelens report</h1>\n<p>run <code>").append(esc(runId))
        .append("</code> (").append(esc(manifest.path("command").asText())).append("), framelens ")
        .append(esc(manifest.path("versions").path("framelens").asText())).append(", finished ")
        .append(esc(manifest.path("finished_at").asText(manifest.path("started_at").asText()))).append("</p>\n<nav>");
    for (Part p : parts) {
      h.append("<a href=\"#").append(p.id()).append("\">").append(esc(p.heading())).append("</a>");
    }
    h.append("<a href=\"#run\">The run</a></nav>\n<p class=\"note\">Click a labelled term in the distinctive-terms chart, an actor's bar ")
        .append("or a label's bar to read its keyword-in-context lines: a sample of at most ").append(kwicLines)
        .append(" lines for each, earliest documents first, stored in this page ")
        .append("(<code>framelens kwic</code> prints them all). Charts show the top of each table; the tables themselves ")
        .append("hold everything (docs/tables.md).</p>\n</header>\n<main>\n");
    ArrayNode charts = JSON.createArrayNode();
    ObjectNode kwic = JSON.createObjectNode();
    for (Part p : parts) {
      h.append("<section id=\"").append(p.id()).append("\" class=\"stage\">\n<h2>").append(esc(p.heading())).append("</h2>\n");
      if (!p.screen().isBlank()) {
        h.append("<pre>").append(esc(p.screen().strip())).append("</pre>\n");
      }
      for (Chart c : p.charts()) {
        h.append("<figure>\n<h3>").append(esc(c.title())).append("</h3>\n<div class=\"chart\" id=\"chart-")
            .append(c.id()).append("\"></div>\n<figcaption>").append(esc(c.caption())).append("</figcaption>\n</figure>\n");
        ObjectNode entry = charts.addObject().put("id", c.id());
        if (c.spec() != null) {
          entry.set("spec", c.spec());
        } else {
          entry.set("columns", JSON.valueToTree(c.columns()));
          entry.set("rows", JSON.valueToTree(c.rows()));
        }
        for (Chart.Drill d : c.kwic()) {
          if (lines.containsKey(d.key())) {
            kwic.set(d.key(), JSON.valueToTree(lines.get(d.key())));
          }
        }
        c.lines().forEach((k, v) -> kwic.set(k, JSON.valueToTree(v)));
      }
      h.append("</section>\n");
    }
    if (!skipped.isEmpty()) {
      h.append("<section id=\"skipped\" class=\"skipped\">\n<h2>Skipped stages</h2>\n<p>The analysis of these stages is undefined for this corpus:</p>\n<ul>\n");
      for (String line : skipped.strip().split("\n")) {
        h.append("<li>").append(esc(line.strip())).append("</li>\n");
      }
      h.append("</ul>\n</section>\n");
    }
    run(h, manifest);
    h.append("</main>\n<aside id=\"kwic\" hidden>\n<button id=\"kwic-close\" type=\"button\">close</button>\n")
        .append("<h3>Keyword in context: <span id=\"kwic-term\"></span></h3>\n<table id=\"kwic-lines\"></table>\n</aside>\n");
    ObjectNode data = JSON.createObjectNode();
    data.set("charts", charts);
    data.set("kwic", kwic);
    // JSON in a script element: "<" escaped so that no "</script>" in the data can end it.
    h.append("<script type=\"application/json\" id=\"framelens-data\">").append(data.toString().replace("<", "\\u003c"))
        .append("</script>\n<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  /** The run: stage timings, input fingerprint, versions and every setting, from the manifest. */
  private static void run(StringBuilder h, JsonNode m) {
    h.append("<section id=\"run\">\n<h2>The run</h2>\n<h3>Stages</h3>\n<table><tr><th>stage</th><th>status</th><th>run</th><th>seconds</th><th>reason</th></tr>\n");
    for (JsonNode st : m.path("stages")) {
      h.append("<tr><td>").append(esc(st.path("name").asText())).append("</td><td>").append(esc(st.path("status").asText()))
          .append("</td><td>").append(esc(st.path("run_id").asText())).append("</td><td>").append(st.path("seconds").asDouble())
          .append("</td><td>").append(esc(st.path("reason").asText(""))).append("</td></tr>\n");
    }
    h.append("</table>\n<h3>Input</h3>\n");
    keyValues(h, m.path("input"));
    h.append("<h3>Versions</h3>\n");
    keyValues(h, m.path("versions"));
    h.append("<h3>Settings</h3>\n");
    keyValues(h, m.path("config"));
    h.append("</section>\n");
  }

  private static void keyValues(StringBuilder h, JsonNode node) {
    h.append("<div class=\"table-wrap\"><table>\n");
    flatten(h, "", node);
    h.append("</table></div>\n");
  }

  private static void flatten(StringBuilder h, String prefix, JsonNode node) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> flatten(h, prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue()));
      return;
    }
    String v = node.isTextual() ? node.asText() : node.toString();
    h.append("<tr><td>").append(esc(prefix)).append("</td><td>").append(esc(v.length() > 300 ? v.substring(0, 299) + "\u2026" : v))
        .append("</td></tr>\n");
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the report's resource " + name + " is not in the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
