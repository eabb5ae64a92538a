package org.framelens.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.framelens.output.OutputStore;
import org.framelens.output.TableSpec;

/** What a stage sees: the session, the settings, the output folder, and the tables of this run so far. */
public final class RunContext {
  public final SparkSession spark;
  public final Settings settings;
  public final OutputStore out;
  public final String runId;
  /** Counts for the run manifest (input records, documents, ...), filled by the stages. */
  public final Map<String, Object> counts = new LinkedHashMap<>();
  /** Input description (path, format, files, digests) for the run manifest. */
  public final Map<String, Object> input = new LinkedHashMap<>();
  StageReport current;

  RunContext(SparkSession spark, Settings settings, OutputStore out, String runId) {
    this.spark = spark;
    this.settings = settings;
    this.out = out;
    this.runId = runId;
  }

  /** The table as this run staged it, or as the output folder holds it from an earlier run. */
  public Dataset<Row> table(TableSpec spec) {
    if (out.staged().containsKey(spec.name())) {
      return out.readStaged(spec);
    }
    return out.readCommitted(spec);
  }

  /** A figure of the running stage (documents, tokens, ...), logged and kept in the manifest. */
  public void figure(String key, Object value) {
    current.figures.put(key, value);
  }
}
