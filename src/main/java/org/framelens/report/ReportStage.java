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
import org.framelens.output.FileSpec;
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
    return List.of(REPORT);
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
    for (Stage s : stages) {
      Optional<Section> section = s.report(ctx);
      section.ifPresent(x -> {
        screenText.append(x.screen());
        md.append(x.markdown());
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
    screenText.append("  run_manifest.json, report.md (tables documented in docs/tables.md)\n");
    try (OutputStream out = ctx.out.createStagedFile(REPORT)) {
      LOG.info("writing {} to the staging area", REPORT.name());   // once the staged file exists
      out.write(md.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
    }
    screen = screenText.toString();
  }

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
