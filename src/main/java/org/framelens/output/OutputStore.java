package org.framelens.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output folder. Tables are written under {@code _staging/<run id>/} (ignored by Spark, pyarrow and DuckDB
 * globs alike, being prefixed with '_') and only moved into place by {@link #commit} once every stage has
 * succeeded; run_manifest.json goes last. A failed run is cleaned up by {@link #abort} and leaves the folder as it was.
 */
public final class OutputStore {
  private static final Logger LOG = LoggerFactory.getLogger(OutputStore.class);
  public static final String SIDECAR = "_framelens_table.json";
  public static final String MANIFEST = "run_manifest.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkSession spark;
  private final FileSystem fs;
  private final Path root;
  private final Path staging;
  private final String runId;
  private final Map<String, Long> staged = new LinkedHashMap<>();
  /** Folders of other files (graphs) staged beside the tables and committed with them. */
  private final java.util.Set<String> stagedFolders = new java.util.LinkedHashSet<>();

  public OutputStore(SparkSession spark, String output, String runId) {
    this.spark = spark;
    this.runId = runId;
    try {
      Path p = new Path(output);
      this.fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      this.root = fs.makeQualified(p);
      this.staging = new Path(new Path(root, "_staging"), runId);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the output folder " + output + ": " + e.getMessage(), e);
    }
  }

  public String root() {
    return root.toString();
  }

  public Map<String, Long> staged() {
    return staged;
  }

  public boolean isCommitted(String table) {
    try {
      return fs.exists(new Path(new Path(root, table), SIDECAR));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the folder holds a committed folder of side files (e.g. graphs). */
  public boolean hasFolder(String folder) {
    try {
      return fs.isDirectory(new Path(root, folder));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Dataset<Row> readCommitted(TableSpec spec) {
    return spark.read().schema(spec.schema()).parquet(new Path(root, spec.name()).toString());
  }

  /** Writes a table to the staging area after checking it against its spec; returns its row count. */
  public long write(TableSpec spec, Dataset<Row> df) {
    List<String> problems = new ArrayList<>();
    for (Column c : spec.columns()) {
      StructField f = java.util.Arrays.stream(df.schema().fields()).filter(x -> x.name().equals(c.name())).findFirst().orElse(null);
      if (f == null) {
        problems.add("missing column " + c.name());
      } else if (!f.dataType().simpleString().equals(c.type().simpleString())) {
        problems.add(c.name() + " is " + f.dataType().simpleString() + ", the contract says " + c.type().simpleString());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("table " + spec.name() + " does not match its contract: " + String.join("; ", problems));
    }
    Path dir = new Path(staging, spec.name());
    // Every column is written as optional, whatever nullability Spark inferred, so the Parquet schema of a table
    // never changes from run to run; which columns are never null is the documented contract, checked by tests.
    StructType relaxed = new StructType(java.util.Arrays.stream(spec.schema().fields())
        .map(f -> new StructField(f.name(), f.dataType(), true, f.metadata())).toArray(StructField[]::new));
    df.select(java.util.Arrays.stream(spec.columnNames()).map(org.apache.spark.sql.functions::col)
            .toArray(org.apache.spark.sql.Column[]::new))
        .to(relaxed)
        .write().mode(SaveMode.ErrorIfExists).parquet(dir.toString());
    long rows = spark.read().parquet(dir.toString()).count();   // from the Parquet footers
    ObjectNode side = JSON.createObjectNode();
    side.put("table", spec.name()).put("schema_version", spec.version()).put("run_id", runId).put("rows", rows);
    ArrayNode cols = side.putArray("columns");
    spec.columns().forEach(c -> cols.addObject().put("name", c.name()).put("type", c.type().simpleString()));
    writeString(new Path(dir, SIDECAR), side.toPrettyString());
    staged.put(spec.name(), rows);
    LOG.info("wrote {} ({} rows, schema v{})", spec.name(), rows, spec.version());
    return rows;
  }

  /**
   * A folder that is not a table (saved models), written under staging and committed, replaced or discarded
   * together with the tables.
   */
  public Path stageFolder(String name) {
    stagedFolders.add(name);
    return new Path(staging, name);
  }

  public FileSystem fileSystem() {
    return fs;
  }

  /**
   * A file in a staged folder of non-table outputs (e.g. graphs/ALL.graphml): written under the staging area and
   * moved into place by {@link #commit} with the tables, replacing the whole folder, so that a failed run leaves
   * neither a half-written file nor a folder mixing runs.
   */
  public OutputStream createStagedFile(String folder, String file) {
    if (folder.contains("/") || file.contains("/") || folder.startsWith("_") || folder.startsWith(".")) {
      throw new IllegalArgumentException("not a plain folder and file name: " + folder + "/" + file);
    }
    try {
      stagedFolders.add(folder);
      return fs.create(new Path(new Path(staging, folder), file), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + folder + "/" + file + " under " + staging + ": " + e.getMessage(), e);
    }
  }

  public java.util.Set<String> stagedFolders() {
    return stagedFolders;
  }

  public Dataset<Row> readStaged(TableSpec spec) {
    return spark.read().schema(spec.schema()).parquet(new Path(staging, spec.name()).toString());
  }

  /** The manifest currently in the folder, or null. */
  public ObjectNode previousManifest() {
    Path p = new Path(root, MANIFEST);
    try {
      if (!fs.exists(p)) {
        return null;
      }
      try (var in = fs.open(p)) {
        return (ObjectNode) JSON.readTree(in);
      }
    } catch (IOException | ClassCastException e) {
      LOG.warn("ignoring unreadable {}: {}", p, e.getMessage());
      return null;
    }
  }

  /**
   * Moves every staged table into place, removes the tables listed as invalidated (they depend on something this
   * run rewrote), then writes the manifest. Replaced folders go to a trash folder first so that a table is never
   * half old, half new.
   */
  public void commit(Collection<String> invalidated, String manifestJson) {
    try {
      Path trash = new Path(new Path(root, "_trash"), runId);
      Path finalManifest = new Path(root, MANIFEST);
      Path stagedManifest = new Path(staging, MANIFEST);
      writeString(stagedManifest, manifestJson);
      if (fs.exists(finalManifest)) {   // no manifest while tables move: the folder does not look complete
        fs.mkdirs(trash);
        rename(finalManifest, new Path(trash, MANIFEST));
      }
      List<String> moving = new ArrayList<>(staged.keySet());
      moving.addAll(stagedFolders);
      for (String table : moving) {
        Path target = new Path(root, table);
        if (fs.exists(target)) {
          fs.mkdirs(trash);
          rename(target, new Path(trash, table));
        }
        rename(new Path(staging, table), target);
      }
      for (String table : invalidated) {
        Path target = new Path(root, table);
        if (!staged.containsKey(table) && !stagedFolders.contains(table) && fs.exists(target)) {
          fs.mkdirs(trash);
          rename(target, new Path(trash, table));
          LOG.info("removed {}: it was computed from tables this run replaced", table);
        }
      }
      rename(stagedManifest, finalManifest);
      fs.delete(trash, true);
      deleteStaging();
    } catch (IOException e) {
      throw new UncheckedIOException("committing the outputs to " + root + " failed: " + e.getMessage(), e);
    }
  }

  public void abort() {
    try {
      deleteStaging();
    } catch (IOException e) {
      LOG.warn("could not remove the staging folder {}: {}", staging, e.getMessage());
    }
  }

  private void deleteStaging() throws IOException {
    fs.delete(staging, true);
    Path parent = staging.getParent();
    if (fs.exists(parent) && fs.listStatus(parent).length == 0) {
      fs.delete(parent, true);
    }
    Path trashParent = new Path(root, "_trash");
    if (fs.exists(trashParent) && fs.listStatus(trashParent).length == 0) {
      fs.delete(trashParent, true);
    }
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("could not move " + from + " to " + to);
    }
  }

  private void writeString(Path p, String s) {
    try (FSDataOutputStream out = fs.create(p, true)) {
      out.write(s.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
    }
  }
}
