package org.framelens.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.framelens.output.OutputSpec;
import org.framelens.output.OutputStore;
import org.framelens.output.TableSpec;

/** What a stage sees: the session, the output folder, and the outputs of this run and the valid earlier ones. */
public final class RunContext {
  public final SparkSession spark;
  public final OutputStore out;
  public final String runId;
  /** Input description (path, format, files, digests) for the run manifest, filled by the stage that reads it. */
  public final Map<String, Object> input = new LinkedHashMap<>();
  /** Outputs this run rewrites or makes stale: their committed versions are not to be read. */
  private final Set<String> replaced;
  private final Function<RunContext, ObjectNode> manifest;
  StageReport current;

  RunContext(SparkSession spark, OutputStore out, Set<String> replaced, Function<RunContext, ObjectNode> manifest) {
    this.spark = spark;
    this.out = out;
    this.runId = out.runId();
    this.replaced = replaced;
    this.manifest = manifest;
  }

  /** True when the output is available: staged by this run, or committed by an earlier one and still valid. */
  public boolean has(OutputSpec spec) {
    return out.stagedOutputs().contains(spec.name()) || !replaced.contains(spec.name()) && out.isCommitted(spec);
  }

  /** The table as this run staged it, or as the output folder holds it from an earlier run. */
  public Dataset<Row> table(TableSpec spec) {
    if (out.staged().containsKey(spec.name())) {
      return out.readStaged(spec);
    }
    if (!has(spec)) {
      throw new IllegalStateException("the table " + spec.name() + " is not available to stage " + current.name);
    }
    return out.readCommitted(spec);
  }

  /** A count that describes the stage's outputs (documents, vocabulary, ...), kept in the run manifest. */
  public void count(String key, Object value) {
    current.counts.put(key, value);
  }

  /** A figure of the running stage (documents, tokens, ...), logged and kept in the manifest. */
  public void figure(String key, Object value) {
    current.figures.put(key, value);
  }

  /** Ends the stage without outputs: its analysis is undefined for this corpus, for this reason. */
  public void skip(String reason) {
    throw new StageSkipped(reason);
  }

  /** The run manifest as it stands, with the stages so far (for the report). */
  public ObjectNode manifest() {
    return manifest.apply(this);
  }
}
