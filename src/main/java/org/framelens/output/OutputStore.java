package org.framelens.output;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

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
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.framelens.pipeline.FramelensException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output folder. Tables are written under {@code _staging/<run id>/} (ignored by Spark, pyarrow and DuckDB
 * globs alike, being prefixed with '_') and only moved into place by {@link #commit} once every stage has
 * succeeded; run_manifest.json goes last. A failed run is cleaned up by {@link #abort} and leaves the folder as it
 * was; a killed one leaves only underscore folders, which the next run's {@link #open} clears or, for a commit
 * already under way, completes. A lock file keeps two runs from writing the same folder at once.
 */
public final class OutputStore {
  private static final Logger LOG = LoggerFactory.getLogger(OutputStore.class);
  public static final String SIDECAR = "_framelens_table.json";
  public static final String MANIFEST = "run_manifest.json";
  /** The mark of a folder of non-table files that framelens wrote (see {@link FolderSpec}). */
  public static final String FOLDER_MARK = "_framelens_folder.json";
  /** The form of a run id: UTC time and a random suffix. Only folders named so are ever cleared from staging. */
  private static final java.util.regex.Pattern RUN_ID = java.util.regex.Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{6}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JOURNAL = "_COMMIT";
  private static final String LOCK = "_framelens.lock";
  private static final String TRASH = "_trash";

  private final SparkSession spark;
  private final FileSystem fs;
  /**
   * Where small files (marks, the manifest, the journal) are read: for a local folder the raw file system, without
   * Hadoop's .crc check, so that a report or manifest a user opened and saved is still read rather than failing.
   */
  private final FileSystem plain;
  private final Path root;
  private final Path staging;
  private final String runId;
  private final Map<String, Long> staged = new LinkedHashMap<>();
  /** The manifest in the folder, read once after {@link #open} (which may complete an earlier commit). */
  private ObjectNode previous;
  private boolean previousRead;
  /**
   * Folders and files other than tables (models, graphs, the report) staged beside the tables and committed with
   * them. Synchronized: staged files may be written from several driver threads at once.
   */
  private final java.util.Set<String> stagedOthers = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());

  public OutputStore(SparkSession spark, String output, String runId) {
    this.spark = spark;
    this.runId = runId;
    try {
      Path p = new Path(output);
      this.fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      this.plain = fs instanceof org.apache.hadoop.fs.ChecksumFileSystem c ? c.getRawFileSystem() : fs;
      this.root = fs.makeQualified(p);
      this.staging = new Path(new Path(root, "_staging"), runId);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the output folder " + output + ": " + e.getMessage(), e);
    }
  }

  /** A new run id: the UTC time to the second and 24 random bits. */
  public static String newRunId() {
    return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
        .format(java.time.Instant.now())
        + "-" + String.format("%06x", java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 24));
  }

  public String root() {
    return root.toString();
  }

  public String runId() {
    return runId;
  }

  public Map<String, Long> staged() {
    return staged;
  }

  /** True when the output folder holds this output, written by framelens. */
  public boolean isCommitted(OutputSpec spec) {
    return owned(spec);   // each kind's mark implies that the output exists
  }

  /** True when something, whoever wrote it, stands under this name in the output folder. */
  public boolean exists(String name) {
    try {
      return fs.exists(new Path(root, name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether what stands under the spec's name was written by framelens, by the mark of its kind: a table's
   * {@link #SIDECAR}, a folder's {@link #FOLDER_MARK} (or, for folders written before that mark, the folder's
   * legacy marker beside a framelens run manifest), a file's first line.
   */
  public boolean owned(OutputSpec spec) {
    Path p = new Path(root, spec.name());
    try {
      if (spec instanceof FolderSpec f) {
        return fs.isDirectory(p) && (fs.exists(new Path(p, FOLDER_MARK))
            || writtenBeforeMarks() && matches(new Path(p, f.legacyMarker())));
      }
      if (spec instanceof FileSpec f) {
        return fs.isFile(p) && startsWith(p, f.firstLine());
      }
      return fs.isDirectory(p) && fs.exists(new Path(p, SIDECAR));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look at " + p + ": " + e.getMessage(), e);
    }
  }

  private boolean matches(Path glob) throws IOException {
    FileStatus[] found = fs.globStatus(glob);
    return found != null && found.length > 0;
  }

  private boolean startsWith(Path file, String firstLine) throws IOException {
    byte[] expected = firstLine.getBytes(StandardCharsets.UTF_8);
    byte[] head = new byte[expected.length];
    try (var in = plain.open(file)) {
      int n = 0;
      for (int r; n < head.length && (r = in.read(head, n, head.length - n)) > 0; ) {
        n += r;
      }
      return n == head.length && java.util.Arrays.equals(head, expected);
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
    LOG.info("writing {} to the staging area", spec.name());
    // Every column is written as optional, whatever nullability Spark inferred, so the Parquet schema of a table
    // never changes from run to run; which columns are never null is the documented contract, checked by tests.
    StructType relaxed = new StructType(java.util.Arrays.stream(spec.schema().fields())
        .map(f -> new StructField(f.name(), f.dataType(), true, f.metadata())).toArray(StructField[]::new));
    // The rows are counted as they are written (an observed metric of the write's own job, applied once per
    // partition like any action's accumulator): reading the footers back cost a query per table, a second or more
    // of a small run.
    Observation written = new Observation("rows_written_" + spec.name());
    df.select(java.util.Arrays.stream(spec.columnNames()).map(org.apache.spark.sql.functions::col)
            .toArray(org.apache.spark.sql.Column[]::new))
        .to(relaxed)
        .observe(written, count(lit(1)).as("rows"))
        .write().mode(SaveMode.ErrorIfExists).parquet(dir.toString());
    long rows = rowsWritten(written, dir);
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
   * The observed count; where the write reported none (a plan with no partition, whose one empty file Spark writes
   * outside it) or its metrics are not there within 100 ms (they arrive through the listener bus, late on a loaded
   * machine), the footers are read instead. Not Observation.getOrEmpty, which waits as long but in Spark 4.1.0 then
   * throws a NullPointerException (it reads the schema of an empty row).
   */
  private long rowsWritten(Observation written, Path dir) {
    scala.concurrent.Future<Row> metrics = written.future();
    try {
      scala.concurrent.Await.ready(metrics, scala.concurrent.duration.Duration.create(100, TimeUnit.MILLISECONDS));
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.debug("no row count observed for {} within 100 ms; reading its footers", dir);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting " + dir, e);
    }
    var observed = metrics.value();
    Row row = observed.isDefined() && observed.get().isSuccess() ? observed.get().get() : null;
    Object n = row != null && row.schema() != null && row.schema().getFieldIndex("rows").isDefined() ? row.getAs("rows") : null;
    return n instanceof Long l ? l : spark.read().parquet(dir.toString()).count();
  }

  /**
   * A folder that is not a table (saved models), written under staging and committed, replaced or discarded
   * together with the tables.
   */
  public Path stageFolder(FolderSpec spec) {
    Path dir = new Path(staging, spec.name());
    if (stagedOthers.add(spec.name())) {
      writeString(new Path(dir, FOLDER_MARK), JSON.createObjectNode().put("folder", spec.name()).put("run_id", runId)
          .toPrettyString());
    }
    return dir;
  }

  /** A folder for the run's own use (e.g. checkpoints), under staging: never committed, removed with staging. */
  public Path scratch(String name) {
    return new Path(new Path(staging, "_scratch"), name);
  }

  public FileSystem fileSystem() {
    return fs;
  }

  /**
   * A file in a staged folder of non-table outputs (e.g. graphs/ALL.graphml): written under the staging area and
   * moved into place by {@link #commit} with the tables, replacing the whole folder, so that a failed run leaves
   * neither a half-written file nor a folder mixing runs.
   */
  public OutputStream createStagedFile(FolderSpec folder, String file) {
    if (file.contains("/") || file.startsWith("_") || file.startsWith(".")) {
      throw new IllegalArgumentException("not a plain file name: " + folder.name() + "/" + file);
    }
    return create(new Path(stageFolder(folder), file));
  }

  /** A file at the top of the output folder (the report), staged and committed like a table. */
  public OutputStream createStagedFile(FileSpec spec) {
    stagedOthers.add(spec.name());
    return create(new Path(staging, spec.name()));
  }

  private OutputStream create(Path p) {
    try {
      return fs.create(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
    }
  }

  /** The names of everything staged so far, tables and other outputs alike. */
  public java.util.Set<String> stagedOutputs() {
    java.util.Set<String> all = new java.util.LinkedHashSet<>(staged.keySet());
    synchronized (stagedOthers) {
      all.addAll(stagedOthers);
    }
    return all;
  }

  public Dataset<Row> readStaged(TableSpec spec) {
    return spark.read().schema(spec.schema()).parquet(new Path(staging, spec.name()).toString());
  }

  /** The manifest currently in the folder, or null (also when unreadable). */
  public ObjectNode previousManifest() {
    if (!previousRead) {
      ObjectNode m = readJson(new Path(root, MANIFEST));
      boolean ours = m != null && RUN_ID.matcher(m.path("run_id").asText()).matches()
          && m.path("versions").path("framelens").isTextual() && m.path("tables").isObject();
      previous = ours ? m : null;
      previousRead = true;
    }
    return previous;
  }

  /** True when the folder holds a run manifest that is not framelens's (or cannot be read): never to be replaced. */
  public boolean foreignManifest() {
    return exists(MANIFEST) && previousManifest() == null;
  }

  /** The folder's manifest was written by a framelens from before folders carried their mark (it has no "folders"). */
  private boolean writtenBeforeMarks() {
    return previousManifest() != null && !previousManifest().has("folders");
  }

  /**
   * Takes the folder's lock, then finishes what an earlier run left: a commit it had started (its journal is in
   * its staging folder) is completed, staging folders of runs that stopped before committing are removed. Call
   * before reading or writing anything.
   */
  public void open() {
    previousRead = false;
    try {
      lock();
      Path stagingRoot = staging.getParent();
      if (fs.exists(stagingRoot)) {
        for (FileStatus st : fs.listStatus(stagingRoot)) {
          if (!RUN_ID.matcher(st.getPath().getName()).matches()) {
            continue;   // not a run's staging folder: not framelens's to remove
          }
          ObjectNode journal = readJson(new Path(st.getPath(), JOURNAL));
          if (journal != null) {
            LOG.warn("run {} was stopped while committing its outputs to {}: completing its commit", st.getPath().getName(), root);
            applyJournal(st.getPath(), journal);
          } else {
            LOG.info("removing {}: run {} stopped before committing it", st.getPath(), st.getPath().getName());
            fs.delete(st.getPath(), true);
          }
        }
      }
      Path trashRoot = new Path(root, TRASH);
      if (fs.exists(trashRoot)) {   // old tables a finished commit had not yet deleted
        for (FileStatus st : fs.listStatus(trashRoot)) {
          if (RUN_ID.matcher(st.getPath().getName()).matches()) {
            fs.delete(st.getPath(), true);
          }
        }
        deleteIfEmpty(trashRoot);
      }
      deleteIfEmpty(stagingRoot);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the output folder " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * Moves every staged table into place, removes the tables listed as invalidated (they depend on something this
   * run rewrote), then writes the manifest. The moves are first written to a journal in the staging folder: from
   * then on the run counts as committed, and a commit cut short (a killed driver, a failed rename) is completed by
   * {@link #abort} or by the next run's {@link #open}. Replaced folders go to a trash folder first so that a table
   * is never half old, half new.
   */
  public void commit(Collection<String> invalidated, String manifestJson) {
    try {
      writeString(new Path(staging, MANIFEST), manifestJson);
      ObjectNode journal = JSON.createObjectNode().put("run_id", runId);
      ArrayNode moves = journal.putArray("moves");
      staged.keySet().forEach(moves::add);
      synchronized (stagedOthers) {
        stagedOthers.forEach(moves::add);
      }
      invalidated.forEach(journal.putArray("invalidated")::add);
      Path pending = new Path(staging, JOURNAL + ".tmp");
      writeString(pending, journal.toPrettyString());
      rename(pending, new Path(staging, JOURNAL));   // the commit point
      applyJournal(staging, journal);
      previousRead = false;
      deleteIfEmpty(staging.getParent());
      unlock();
    } catch (IOException e) {
      throw new UncheckedIOException("committing the outputs to " + root + " failed: " + e.getMessage(), e);
    }
  }

  /** After a failure: discards the staged outputs, or completes the commit if it had begun. */
  public void abort() {
    try {
      ObjectNode journal = readJson(new Path(staging, JOURNAL));
      if (journal != null) {
        applyJournal(staging, journal);
      } else {
        fs.delete(staging, true);
      }
      deleteIfEmpty(staging.getParent());
      unlock();
    } catch (IOException | UncheckedIOException e) {
      LOG.error("could not clean up {} ({}); the next run on this folder will", staging, e.getMessage());
    }
  }

  /** Idempotent: each step checks what is already done, so that it can resume a commit cut short anywhere. */
  private void applyJournal(Path stagingDir, ObjectNode journal) throws IOException {
    Path trash = new Path(new Path(root, TRASH), stagingDir.getName());
    Path finalManifest = new Path(root, MANIFEST);
    Path stagedManifest = new Path(stagingDir, MANIFEST);
    if (fs.exists(stagedManifest) && fs.exists(finalManifest)) {   // no manifest while tables move
      moveAside(finalManifest, trash);
    }
    List<String> moved = new ArrayList<>();
    journal.path("moves").forEach(n -> moved.add(n.asText()));
    for (String name : moved) {
      Path from = new Path(stagingDir, name);
      if (fs.exists(from)) {
        Path target = new Path(root, name);
        if (fs.exists(target)) {
          moveAside(target, trash);
        }
        rename(from, target);
      }
    }
    for (var n : journal.path("invalidated")) {
      Path target = new Path(root, n.asText());
      if (!moved.contains(n.asText()) && fs.exists(target)) {
        moveAside(target, trash);
        LOG.info("removed {}: it was computed from tables this run replaced", n.asText());
      }
    }
    if (fs.exists(stagedManifest)) {
      rename(stagedManifest, finalManifest);
    }
    fs.delete(trash, true);
    deleteIfEmpty(trash.getParent());
    fs.delete(stagingDir, true);
  }

  private void moveAside(Path target, Path trash) throws IOException {
    fs.mkdirs(trash);
    Path aside = new Path(trash, target.getName());
    if (fs.exists(aside)) {
      fs.delete(aside, true);
    }
    rename(target, aside);
  }

  /**
   * One run at a time per output folder: a lock file names the run's process. A lock left by a process that no
   * longer runs on this host is taken over; one from another host cannot be checked and stops the run.
   */
  private void lock() throws IOException {
    Path lock = new Path(root, LOCK);
    String host = java.net.InetAddress.getLocalHost().getHostName();
    long pid = ProcessHandle.current().pid();
    for (int attempt = 0; ; attempt++) {
      try (FSDataOutputStream o = fs.create(lock, false)) {
        o.write(JSON.createObjectNode().put("run_id", runId).put("host", host).put("pid", pid)
            .put("started", java.time.Instant.now().toString()).toPrettyString().getBytes(StandardCharsets.UTF_8));
        return;
      } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
        ObjectNode holder = readJson(lock);
        boolean dead = holder == null || host.equals(holder.path("host").asText())
            && ProcessHandle.of(holder.path("pid").asLong()).map(p -> !p.isAlive()).orElse(true);
        if (!dead || attempt > 0) {
          throw new FramelensException("another run (" + (holder == null ? "unknown" : holder.path("run_id").asText()
              + ", pid " + holder.path("pid").asText() + " on " + holder.path("host").asText())
              + ") is writing to " + root + ". Wait for it to finish; if it is no longer running, delete " + lock);
        }
        LOG.warn("taking over {}: run {} no longer runs", lock, holder == null ? "unknown" : holder.path("run_id").asText());
        fs.delete(lock, false);
      }
    }
  }

  private void unlock() throws IOException {
    fs.delete(new Path(root, LOCK), false);
  }

  private ObjectNode readJson(Path p) {
    try {
      if (!fs.exists(p)) {
        return null;
      }
      try (var in = plain.open(p)) {
        return (ObjectNode) JSON.readTree(in);
      }
    } catch (IOException | ClassCastException e) {
      return null;   // half-written: treated as absent
    }
  }

  private void deleteIfEmpty(Path dir) throws IOException {
    if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
      fs.delete(dir, true);
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
