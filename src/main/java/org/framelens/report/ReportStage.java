package org.framelens.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.framelens.corpus.CorpusTables;
import org.framelens.groups.Groups;
import org.framelens.terms.TermTables;
import org.framelens.kwic.Concordance;
import org.framelens.kwic.Kwic;
import org.framelens.pipeline.Chart;
import org.framelens.text.AnalysisOptions;
import org.framelens.text.StopWords;
import org.framelens.output.FileSpec;
import org.framelens.output.FolderSpec;
import org.framelens.output.OutputSpec;
import org.framelens.pipeline.RunContext;
import org.framelens.pipeline.Section;
import org.framelens.pipeline.Stage;

/**
 * What a researcher reads after a run: report.md, staged with the tables and committed with them (so a killed run
 * leaves the previous report, and the report's run id is always the manifest's), and the one-screen summary printed
 * by the command line. It covers every output the folder will hold once this run commits, whichever run made it:
 * each stage brings its own section, and the stages skipped in this run are listed with their reasons. Reads only
 * small aggregates (top-ranked rows per group), never corpus-sized data.
 */
public final class ReportStage implements Stage {
  public static final String FIRST_LINE = "# framelens report";
  public static final FileSpec REPORT = new FileSpec("report.md",
      "The run's report: the summary, every group's distinctive terms, the topics, the actors, and the stages skipped with their reasons.",
      FIRST_LINE);
  public static final FolderSpec HTML = new FolderSpec("report",
      "report/index.html: the report as one self-contained page (charts, keyword-in-context lines of the terms, actors and labels shown, the run), for any current browser, offline.",
      "index.html");

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReportStage.class);
  private final List<Stage> stages;
  private String screen;

  /** @param stages the stages whose sections the report holds, in pipeline order */
  public ReportStage(List<Stage> stages) {
    this.stages = stages;
  }

  @Override
  public String name() {
    return "report";
  }

  @Override
  public List<OutputSpec> requires() {
    return List.of();
  }

  @Override
  public List<OutputSpec> provides() {
    return List.of(REPORT, HTML);
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of();
  }

  /** The summary of the last run of this stage, for the screen. */
  public String screen() {
    return screen;
  }

  @Override
  public void run(RunContext ctx) {
    JsonNode m = ctx.manifest();
    String head = String.format(Locale.ROOT, "framelens %s - run %s (%s), %s s%n",
        m.path("versions").path("framelens").asText(), ctx.runId, m.path("command").asText(), totalSeconds(m));
    StringBuilder screenText = new StringBuilder(head);
    StringBuilder md = new StringBuilder(FIRST_LINE).append("\n\n```\n").append(head).append("```\n");
    List<HtmlReport.Part> parts = new java.util.ArrayList<>();
    for (Stage s : stages) {
      Optional<Section> section = s.report(ctx);
      section.ifPresent(x -> {
        screenText.append(x.screen());
        md.append(x.markdown());
        parts.add(new HtmlReport.Part(s.name(), HEADINGS.getOrDefault(s.name(), s.name()), x.screen(), x.charts()));
      });
    }
    StringBuilder skipped = new StringBuilder();
    for (JsonNode st : m.path("stages")) {
      if ("skipped".equals(st.path("status").asText())) {
        skipped.append(String.format(Locale.ROOT, "  %s: %s%n", st.path("name").asText(), st.path("reason").asText()));
      }
    }
    if (skipped.length() > 0) {
      screenText.append("\nSkipped stages (the analysis is undefined for this corpus):\n").append(skipped);
      md.append("\n## Skipped stages\n\nThe analysis of these stages is undefined for this corpus:\n\n```\n")
          .append(skipped).append("```\n");
    }
    screenText.append(String.format(Locale.ROOT, "%nOutputs    %s%n", ctx.out.root()));
    for (Stage s : stages) {
      for (OutputSpec o : s.provides()) {
        if (ctx.has(o)) {
          screenText.append("  ").append(o.name()).append(o instanceof FileSpec ? "" : "/").append('\n');
        }
      }
    }
    screenText.append("  run_manifest.json, report.md, report/index.html (tables documented in docs/tables.md)\n");
    try (OutputStream out = ctx.out.createStagedFile(REPORT)) {
      LOG.info("writing {} to the staging area", REPORT.name());   // once the staged file exists
      out.write(md.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
    }
    String html = HtmlReport.render(m, ctx.runId, parts, skipped.toString(), Chart.KWIC_LINES, drillDown(ctx, parts));
    try (OutputStream out = ctx.out.createStagedFile(HTML, "index.html")) {
      out.write(html.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the HTML report: " + e.getMessage(), e);
    }
    LOG.info("report/index.html: {} KB", html.length() / 1024);
    ctx.figure("html_bytes", (long) html.getBytes(StandardCharsets.UTF_8).length);
    screen = screenText.toString();
  }

  /**
   * The keyword-in-context lines the charts ask for, at most {@link Chart#KWIC_LINES} a key, found in one pass over the
   * counted documents for each grouping asked for, as doc_terms counted the terms. Only the lines kept are collected.
   */
  private static Map<String, List<Map<String, Object>>> drillDown(RunContext ctx, List<HtmlReport.Part> parts) {
    List<Chart.Drill> drills = parts.stream().flatMap(p -> p.charts().stream()).flatMap(c -> c.kwic().stream()).toList();
    Map<String, List<Map<String, Object>>> out = new java.util.HashMap<>();
    if (drills.isEmpty() || !ctx.has(CorpusTables.DOCUMENTS)) {
      return out;
    }
    AnalysisOptions a = Kwic.analysis(ctx.manifest());
    java.util.Set<String> stop = StopWords.load(a, ctx.spark.sparkContext().hadoopConfiguration());
    Map<String, List<Chart.Drill>> byGrouping = new java.util.TreeMap<>();
    drills.forEach(d -> byGrouping.computeIfAbsent(String.valueOf(d.groupBy()), k -> new java.util.ArrayList<>()).add(d));
    for (List<Chart.Drill> ds : byGrouping.values()) {
      Concordance c = Concordance.ofAnalyzed(a, stop, ds.stream().map(Chart.Drill::term).distinct().toList());
      Column key = concat(coalesce(col("grp"), lit("")), lit("\u0000"), col("term"));
      Dataset<Row> lines = Kwic.lines(ctx.table(CorpusTables.DOCUMENTS), c, ctx.manifest(), null, ds.get(0).groupBy(), KWIC_WINDOW,
              firstDocuments(ctx, ds))
          .filter(col("line").leq(Chart.KWIC_LINES).and(key.isin(ds.stream().map(Chart.Drill::key).distinct().toArray())))
          .orderBy("term", "grp", "line")
          .select(key.as("key"), col("outlet"), col("published"), col("title"), col("left"), col("match"), col("right"));
      for (Map<String, Object> line : Chart.values(lines.collectAsList())) {
        out.computeIfAbsent((String) line.remove("key"), k -> new java.util.ArrayList<>()).add(line);
      }
    }
    return out;
  }

  private static final int KWIC_WINDOW = 80;

  /**
   * The documents that hold the lines shown, from doc_terms: for each group and term drilled into, the first
   * {@link Chart#KWIC_LINES} of the group's documents that count the term, in the lines' order (date, then doc_id). A
   * document counts a term in doc_terms exactly where the concordance finds a line of it (the same analysis and
   * masking, see {@link Kwic#lines}), so the lines are those of a pass over every document, which on AllSides took
   * 47 of the report's 54 seconds; now a few hundred documents are read. Null (read them all) without doc_terms, or
   * when the counted documents are no more than the lines could come from: then the search costs more than it saves
   * (0.9 s on the five-article sample).
   */
  private static Dataset<Row> firstDocuments(RunContext ctx, List<Chart.Drill> drills) {
    long counted = ctx.manifest().path("counts").path("counted_documents").asLong(Long.MAX_VALUE);
    if (!ctx.has(TermTables.DOC_TERMS) || counted <= (long) drills.size() * Chart.KWIC_LINES) {
      return null;
    }
    StructType pairs = new StructType().add("grp", DataTypes.StringType, true).add("term", DataTypes.StringType, false);
    Dataset<Row> wanted = ctx.spark.createDataFrame(drills.stream()
        .map(d -> org.apache.spark.sql.RowFactory.create(d.group(), d.term())).distinct().toList(), pairs);
    Dataset<Row> documents = ctx.table(CorpusTables.DOCUMENTS);
    return ctx.table(TermTables.DOC_TERMS).select("doc_id", "term")
        .join(broadcast(wanted.select("term").distinct()), "term")
        .join(Groups.of(documents, drills.get(0).groupBy()), "doc_id")
        .join(broadcast(wanted), new String[] {"grp", "term"})
        .join(documents.select("doc_id", "published"), "doc_id")
        .withColumn("_line", row_number().over(Window.partitionBy("term", "grp")
            .orderBy(col("published").asc_nulls_last(), col("doc_id"))))
        .filter(col("_line").leq(Chart.KWIC_LINES))
        .select("doc_id").distinct();
  }

  private static final Map<String, String> HEADINGS = Map.of("ingest", "The corpus", "terms", "Terms",
      "distinctive", "Distinctive terms", "topics", "Topics", "entities", "Actors", "quotes", "Voices", "events", "Events",
      "kwic", "Concordance");

  private static String totalSeconds(JsonNode m) {
    double s = 0;
    for (JsonNode st : m.path("stages")) {
      if (m.path("run_id").asText().equals(st.path("run_id").asText())) {
        s += st.path("seconds").asDouble();
      }
    }
    return String.format(Locale.ROOT, "%.1f", s);
  }
}
