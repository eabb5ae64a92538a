package org.framelens.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.SparkSession;
import org.framelens.output.OutputStore;
import org.framelens.output.TableSpec;
import org.framelens.output.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs stages in order over one output folder: checks every requirement before any work, times and logs each
 * stage, commits the outputs only when all succeeded, and writes the run manifest last.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final List<Stage> stages;
  /** Every stage framelens has, in order: used to find tables made stale by a partial rerun. */
  private final List<Stage> allStages;

  public Pipeline(List<Stage> stages, List<Stage> allStages) {
    this.stages = stages;
    this.allStages = allStages;
  }

  public record Result(String runId, String output, ObjectNode manifest) {}

  public Result run(SparkSession spark, Settings settings, String command) {
    if (settings.output == null || settings.output.isBlank()) {
      throw new FramelensException("no output folder: give --output DIR");
    }
    String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now())
        + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    OutputStore out = new OutputStore(spark, settings.output, runId);
    out.open();
    try {
      checkRequirements(settings, out);
    } catch (RuntimeException e) {
      out.abort();
      throw e;
    }

    RunContext ctx = new RunContext(spark, settings, out, runId);
    List<StageReport> reports = new ArrayList<>();
    ProgressListener progress = new ProgressListener(15_000);
    spark.sparkContext().addSparkListener(progress);
    Instant started = Instant.now();
    try {
      for (Stage stage : stages) {
        StageReport report = new StageReport(stage.name());
        ctx.current = report;
        progress.stage = stage.name();
        progress.stageStart = System.currentTimeMillis();
        LOG.info("stage {}: started", stage.name());
        long t0 = System.nanoTime();
        stage.run(ctx);
        report.seconds = Math.round((System.nanoTime() - t0) / 1e7) / 100.0;
        reports.add(report);
        LOG.info("stage {}: done in {} s {}", stage.name(), report.seconds, report.figures);
      }
      Set<String> stale = stale(settings, out.staged().keySet());
      ObjectNode manifest = manifest(ctx, command, started, reports, stale);
      out.commit(stale, Redact.uris(JSON.writeValueAsString(manifest)));
      LOG.info("outputs committed to {}", Redact.uris(out.root()));
      return new Result(runId, out.root(), manifest);
    } catch (Exception e) {
      out.abort();
      LOG.error("run {} failed; nothing was committed to {}", runId, Redact.uris(out.root()));
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new FramelensException(e.getMessage(), e);
    } finally {
      spark.sparkContext().removeSparkListener(progress);
    }
  }

  private void checkRequirements(Settings settings, OutputStore out) {
    Set<String> available = new LinkedHashSet<>();
    List<String> gaps = new ArrayList<>();
    for (Stage stage : stages) {
      for (String table : stage.requires(settings)) {
        if (!available.contains(table) && !out.isCommitted(table)) {
          String producer = allStages.stream().filter(s -> s.provides(settings).contains(table))
              .map(Stage::name).findFirst().orElse("?");
          gaps.add("stage '" + stage.name() + "' needs the table '" + table + "', which this run does not produce and "
              + out.root() + " does not hold; run 'framelens " + producer + "' first, or 'framelens run'");
        }
      }
      available.addAll(stage.provides(settings));
    }
    if (!gaps.isEmpty()) {
      throw new FramelensException(String.join("\n", gaps));
    }
  }

  /** Tables in the folder computed from a table this run rewrites (directly or not), which this run does not redo. */
  private Set<String> stale(Settings settings, Set<String> rewritten) {
    Set<String> changed = new LinkedHashSet<>(rewritten);
    Set<String> stale = new LinkedHashSet<>();
    for (Stage s : allStages) {   // in pipeline order, so one pass propagates
      boolean dependsOnChange = s.requires(settings).stream().anyMatch(changed::contains);
      if (dependsOnChange) {
        for (String t : s.provides(settings)) {
          if (!rewritten.contains(t)) {
            stale.add(t);
          }
          changed.add(t);
        }
      }
    }
    return stale;
  }

  private ObjectNode manifest(RunContext ctx, String command, Instant started, List<StageReport> reports,
      Set<String> stale) {
    ObjectNode m = JSON.createObjectNode();
    m.put("run_id", ctx.runId);
    m.put("command", command);
    m.put("status", "succeeded");
    m.put("started_at", started.toString());
    m.put("finished_at", Instant.now().toString());
    m.set("config", JSON.valueToTree(ctx.settings));
    m.set("versions", JSON.valueToTree(Versions.all(ctx.spark.version())));
    ObjectNode spark = m.putObject("spark");
    spark.put("master", ctx.spark.sparkContext().master());
    spark.put("application_id", ctx.spark.sparkContext().applicationId());
    spark.put("default_parallelism", ctx.spark.sparkContext().defaultParallelism());
    m.set("input", JSON.valueToTree(ctx.input));
    m.set("counts", JSON.valueToTree(ctx.counts));
    var stageArray = m.putArray("stages");
    for (StageReport r : reports) {
      ObjectNode s = stageArray.addObject();
      s.put("name", r.name);
      s.put("seconds", r.seconds);
      s.setAll((ObjectNode) JSON.valueToTree(r.figures));
    }
    // Tables in pipeline order: this run's, then those of earlier runs that are still valid.
    ObjectNode previous = ctx.out.previousManifest();
    ObjectNode previousTables = previous == null ? null : (ObjectNode) previous.get("tables");
    ObjectNode tables = m.putObject("tables");
    for (TableSpec spec : Tables.ALL) {
      String name = spec.name();
      if (ctx.out.staged().containsKey(name)) {
        tables.putObject(name).put("schema_version", spec.version()).put("rows", ctx.out.staged().get(name))
            .put("run_id", ctx.runId);
      } else if (previousTables != null && previousTables.has(name) && !stale.contains(name) && ctx.out.isCommitted(name)) {
        tables.set(name, previousTables.get(name));
      }
    }
    return m;
  }
}
