package org.framelens.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.framelens.output.OutputSpec;
import org.framelens.output.OutputStore;
import org.framelens.output.TableSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs stages in order over one output folder. Before any work: every stage's options and side files
 * ({@link Stage#validate}), then, under the folder's lock, every requirement and the ownership of everything the run
 * would replace (framelens never replaces what it did not write). Then it times and logs each stage, skips one whose
 * analysis is undefined for the corpus (and those that need its outputs) unless it was asked for explicitly, commits
 * the outputs only when all succeeded, and writes the run manifest last.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final List<Stage> stages;
  /** Every stage framelens has, in order: who produces a missing input, what a partial rerun makes stale. */
  private final List<Stage> allStages;
  /** Stages asked for by name or by one of their own options: they fail where others would be skipped. */
  private final Set<String> explicit;
  private boolean validated;

  public Pipeline(List<Stage> stages, List<Stage> allStages, Set<String> explicit) {
    for (Stage s : stages) {
      if (allStages.stream().noneMatch(a -> a.name().equals(s.name()))) {
        throw new IllegalArgumentException("stage " + s.name() + " is not one of the pipeline's stages");
      }
    }
    this.stages = stages;
    this.allStages = allStages;
    this.explicit = explicit;
  }

  public record Result(String runId, String output, ObjectNode manifest) {}

  public Result run(SparkSession spark, String output, String command) {
    if (output == null || output.isBlank()) {
      throw new FramelensException("no output folder: give --output DIR");
    }
    if (!validated) {
      validate(spark.sparkContext().hadoopConfiguration(), output);
    }
    OutputStore out = new OutputStore(spark, output, OutputStore.newRunId());
    out.open();
    Set<String> rewritten = new LinkedHashSet<>();
    stages.forEach(s -> s.provides().forEach(o -> rewritten.add(o.name())));
    Set<String> replaced = new LinkedHashSet<>(rewritten);
    replaced.addAll(stale(rewritten));
    try {
      checkRequirements(out, replaced);
      checkOwnership(out, replaced);
    } catch (RuntimeException e) {
      out.abort();
      throw e;
    }

    List<StageReport> reports = new ArrayList<>();
    Instant started = Instant.now();
    RunContext ctx = new RunContext(spark, out, replaced,
        c -> manifest(c, command, started, reports, invalidated(out, replaced)));
    ProgressListener progress = new ProgressListener(15_000);
    spark.sparkContext().addSparkListener(progress);
    try {
      for (Stage stage : stages) {
        StageReport report = new StageReport(stage.name());
        ctx.current = report;
        reports.add(report);
        String missing = skippedInput(stage, reports);
        if (missing != null) {
          skipped(stage, report, missing);
          continue;
        }
        progress.stage = stage.name();
        progress.stageStart = System.currentTimeMillis();
        LOG.info("stage {}: started", stage.name());
        Set<String> before = out.stagedOutputs();
        long t0 = System.nanoTime();
        try {
          stage.run(ctx);
        } catch (StageSkipped e) {
          if (!out.stagedOutputs().equals(before)) {
            throw new IllegalStateException("stage " + stage.name() + " skipped itself after writing outputs", e);
          }
          skipped(stage, report, e.getMessage());
          continue;
        }
        report.seconds = Math.round((System.nanoTime() - t0) / 1e7) / 100.0;
        report.outputs.addAll(out.stagedOutputs());
        report.outputs.removeAll(before);
        LOG.info("stage {}: done in {} s {}", stage.name(), report.seconds, report.figures);
      }
      Set<String> undeclared = new LinkedHashSet<>(out.stagedOutputs());
      undeclared.removeAll(rewritten);
      if (!undeclared.isEmpty()) {
        throw new IllegalStateException("stages wrote outputs they do not declare: " + undeclared);
      }
      Set<String> invalidated = invalidated(out, replaced);
      checkOwnership(out, replaced);   // again: hours may have passed since the first check
      ObjectNode manifest = manifest(ctx, command, started, reports, invalidated);
      out.commit(invalidated, Redact.uris(JSON.writeValueAsString(manifest)));
      LOG.info("outputs committed to {}", Redact.uris(out.root()));
      return new Result(out.runId(), out.root(), manifest);
    } catch (Exception e) {
      out.abort();
      LOG.error("run {} failed; nothing was committed to {}", out.runId(), Redact.uris(out.root()));
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new FramelensException(e.getMessage(), e);
    } finally {
      spark.sparkContext().removeSparkListener(progress);
    }
  }

  /**
   * Every stage's own checks, all problems at once, before the output folder is touched. {@link #run} calls it unless
   * the caller did, as the command line does before it starts Spark.
   */
  public void validate(org.apache.hadoop.conf.Configuration hadoop, String output) {
    Validation v = new Validation(hadoop, output);
    stages.forEach(s -> s.validate(v));
    if (!v.problems().isEmpty()) {
      throw new FramelensException(String.join("\n", v.problems()));
    }
    validated = true;
  }

  /**
   * Starts {@link Stage#preload} of the run's stages, in their order, on a daemon thread, for a local run of a small
   * corpus (the command line decides; its tasks run in this JVM): the models then load on a spare core while Spark
   * starts and the stages before theirs run, instead of inside the stage (on the sample, CoreNLP's loading and first
   * annotations were a third of the entities stage; bench/README.md). A failure is left to the stage to meet again.
   */
  public void preload() {
    Thread t = new Thread(() -> {
      for (Stage s : stages) {
        long t0 = System.nanoTime();
        try {
          s.preload();
          LOG.debug("stage {} preloaded in {} ms", s.name(), (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
          LOG.debug("preloading stage {} failed; its tasks will load what it needs: {}", s.name(), e.toString());
        }
      }
    }, "framelens-preload");
    t.setDaemon(true);
    t.start();
  }

  private void skipped(Stage stage, StageReport report, String reason) {
    if (explicit.contains(stage.name())) {
      throw new FramelensException("stage " + stage.name() + " cannot run: " + reason);
    }
    report.status = "skipped";
    report.reason = reason;
    LOG.warn("stage {}: skipped: {}", stage.name(), reason);
  }

  /** Why the stage cannot have its inputs: a stage of this run that provides one was skipped; else null. */
  private String skippedInput(Stage stage, List<StageReport> reports) {
    for (OutputSpec need : stage.requires()) {
      for (StageReport r : reports) {
        if (r.status.equals("skipped") && provider(need.name()).equals(r.name)) {
          return "its input " + need.name() + " was not produced: stage " + r.name + " was skipped (" + r.reason + ")";
        }
      }
    }
    return null;
  }

  private String provider(String output) {
    return allStages.stream().filter(s -> s.provides().stream().anyMatch(o -> o.name().equals(output)))
        .map(Stage::name).findFirst().orElse("?");
  }

  private OutputSpec spec(String output) {
    return allStages.stream().flatMap(s -> s.provides().stream()).filter(o -> o.name().equals(output)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no stage provides " + output));
  }

  private void checkRequirements(OutputStore out, Set<String> replaced) {
    Set<String> available = new LinkedHashSet<>();
    List<String> gaps = new ArrayList<>();
    for (Stage stage : stages) {
      for (OutputSpec need : stage.requires()) {
        String name = need.name();
        if (available.contains(name)) {
          continue;
        }
        String producer = provider(name);
        if (!out.isCommitted(need)) {
          gaps.add("stage '" + stage.name() + "' needs " + (need instanceof TableSpec ? "the table '" : "'") + name
              + "', which this run does not produce and "
              + Redact.uris(out.root()) + " does not hold; run 'framelens " + producer + "' first, or 'framelens run'");
        } else if (replaced.contains(name)) {
          gaps.add("stage '" + stage.name() + "' needs '" + name + "', which this run makes stale (it rewrites what "
              + name + " is computed from) and does not produce; run 'framelens " + producer + "' in it too, or 'framelens run'");
        }
      }
      stage.provides().forEach(o -> available.add(o.name()));
    }
    if (!gaps.isEmpty()) {
      throw new FramelensException(String.join("\n", gaps));
    }
  }

  /**
   * framelens replaces or removes only what it wrote (tables by their side file, folders by their mark, files by
   * their first line, the manifest by being one): anything else under one of those names stops the run here.
   */
  private void checkOwnership(OutputStore out, Set<String> replaced) {
    List<String> foreign = new ArrayList<>();
    for (String name : replaced) {
      if (out.exists(name) && !out.owned(spec(name))) {
        foreign.add(name);
      }
    }
    if (out.foreignManifest()) {
      foreign.add(OutputStore.MANIFEST);
    }
    if (!foreign.isEmpty()) {
      throw new FramelensException(Redact.uris(out.root()) + " holds " + String.join(", ", foreign)
          + ", which framelens did not write and this run would replace; move "
          + (foreign.size() == 1 ? "it" : "them") + " elsewhere or choose another --output. Nothing was changed.");
    }
  }

  /** Outputs in the folder computed from one this run rewrites (directly or not), which this run does not redo. */
  private Set<String> stale(Set<String> rewritten) {
    Set<String> changed = new LinkedHashSet<>(rewritten);
    Set<String> stale = new LinkedHashSet<>();
    for (Stage s : allStages) {   // in pipeline order, so one pass propagates
      if (java.util.stream.Stream.concat(s.requires().stream(), s.uses().stream()).anyMatch(o -> changed.contains(o.name()))) {
        for (OutputSpec o : s.provides()) {
          if (!rewritten.contains(o.name())) {
            stale.add(o.name());
          }
          changed.add(o.name());
        }
      }
    }
    return stale;
  }

  /** What the commit removes: committed outputs the run replaces but did not write (stale, or of a skipped stage). */
  private static Set<String> invalidated(OutputStore out, Set<String> replaced) {
    Set<String> gone = new LinkedHashSet<>(replaced);
    gone.removeAll(out.stagedOutputs());
    gone.removeIf(name -> !out.exists(name));
    return gone;
  }

  /**
   * The manifest describes the whole folder, not only this run: each table, folder and file names the run, stage and
   * settings that made it, and the stages of earlier runs whose outputs still stand keep their records (counts
   * included), so that a partial rerun leaves a folder that still says how each of its outputs was made.
   */
  private ObjectNode manifest(RunContext ctx, String command, Instant started, List<StageReport> reports,
      Set<String> invalidated) {
    ObjectNode m = JSON.createObjectNode();
    m.put("run_id", ctx.runId);
    m.put("command", command);
    m.put("status", "succeeded");
    m.put("started_at", started.toString());
    m.put("finished_at", Instant.now().toString());
    ObjectNode config = m.putObject("config");
    config.put("output", ctx.out.root());
    for (Stage s : stages) {
      config.setAll((ObjectNode) JSON.valueToTree(new java.util.TreeMap<>(s.settings())));
    }
    m.set("versions", JSON.valueToTree(Versions.all(ctx.spark.version())));
    ObjectNode spark = m.putObject("spark");
    spark.put("master", ctx.spark.sparkContext().master());
    spark.put("application_id", ctx.spark.sparkContext().applicationId());
    spark.put("default_parallelism", ctx.spark.sparkContext().defaultParallelism());
    spark.put("shuffle_partitions", ctx.spark.conf().get("spark.sql.shuffle.partitions"));
    spark.put("adaptive_execution", ctx.spark.conf().get("spark.sql.adaptive.enabled"));
    spark.put("max_partition_bytes", ctx.spark.conf().get("spark.sql.files.maxPartitionBytes"));
    // NO_CODEGEN for a small local input (cli.SparkOptions); Spark's default, FALLBACK, generates code.
    var codegen = org.apache.spark.sql.internal.SQLConf.CODEGEN_FACTORY_MODE();
    spark.put("codegen_factory_mode", ctx.spark.conf().get(codegen.key(), codegen.defaultValueString()));

    ObjectNode previous = ctx.out.previousManifest();
    Map<String, JsonNode> earlierStages = new LinkedHashMap<>();
    if (previous != null) {
      for (JsonNode st : previous.path("stages")) {
        ObjectNode copy = st.deepCopy();
        if (!copy.has("run_id")) {   // written before stages carried their run id
          copy.put("run_id", previous.path("run_id").asText());
        }
        earlierStages.put(st.path("name").asText(), copy);
      }
    }
    m.set("input", !ctx.input.isEmpty() || previous == null ? JSON.valueToTree(ctx.input) : previous.path("input"));

    ArrayNode stageArray = m.putArray("stages");
    ObjectNode counts = m.putObject("counts");
    ObjectNode tables = m.putObject("tables");
    ObjectNode folders = m.putObject("folders");
    ObjectNode previousTables = previous == null ? JSON.createObjectNode() : (ObjectNode) previous.path("tables");
    ObjectNode previousFolders = previous == null || !previous.path("folders").isObject() ? JSON.createObjectNode()
        : (ObjectNode) previous.path("folders");
    if (previous != null && !previous.has("folders") && previous.path("counts").isObject()) {
      // Written before stages kept their own counts: the old run's counts stand until this run's replace them.
      counts.setAll((ObjectNode) previous.path("counts"));
    }
    for (Stage s : allStages) {
      StageReport r = reports.stream().filter(x -> x.name.equals(s.name())).findFirst().orElse(null);
      if (r != null) {
        ObjectNode e = stageArray.addObject();
        e.put("name", r.name);
        e.put("status", r.status);
        e.put("run_id", ctx.runId);
        e.put("seconds", r.seconds);
        if (r.reason != null) {
          e.put("reason", r.reason);
        }
        e.set("counts", JSON.valueToTree(r.counts));
        e.setAll((ObjectNode) JSON.valueToTree(r.figures));
        counts.setAll((ObjectNode) JSON.valueToTree(r.counts));
        JsonNode settings = JSON.valueToTree(new java.util.TreeMap<>(s.settings()));
        for (OutputSpec o : s.provides()) {
          if (!r.outputs.contains(o.name())) {
            continue;
          }
          String name = o.name();
          ObjectNode t = (o instanceof TableSpec ? tables : folders).putObject(name);
          if (o instanceof TableSpec ts) {
            t.put("schema_version", ts.version()).put("rows", ctx.out.staged().get(name));
          }
          t.put("run_id", ctx.runId).put("stage", s.name()).set("settings", settings);
        }
        continue;
      }
      // A stage of an earlier run: its record stays while one of its outputs does.
      boolean standing = false;
      for (OutputSpec o : s.provides()) {
        if (invalidated.contains(o.name()) || !ctx.out.isCommitted(o)) {
          continue;
        }
        ObjectNode source = o instanceof TableSpec ? previousTables : previousFolders;
        if (source.has(o.name())) {
          (o instanceof TableSpec ? tables : folders).set(o.name(), source.get(o.name()));
        }
        standing = true;
      }
      JsonNode earlier = earlierStages.get(s.name());
      if (standing && earlier != null) {
        stageArray.add(earlier);
        if (earlier.path("counts").isObject()) {
          counts.setAll((ObjectNode) earlier.path("counts"));
        }
      }
    }
    // Whatever else earlier runs made that still stands (a saved model kept while another was applied) keeps its record.
    for (ObjectNode[] pair : new ObjectNode[][] {{previousTables, tables}, {previousFolders, folders}}) {
      pair[0].fields().forEachRemaining(e -> {
        if (!pair[1].has(e.getKey()) && !invalidated.contains(e.getKey()) && !ctx.out.stagedOutputs().contains(e.getKey())
            && ctx.out.exists(e.getKey())) {
          pair[1].set(e.getKey(), e.getValue());
        }
      });
    }
    return m;
  }
}
