package org.framelens.corpus;

import static org.apache.spark.sql.functions.*;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A folder of plain-text files, one document each, described by a manifest CSV (column `file`, a path relative to
 * the folder). Files and manifest rows are matched with a full outer join so that a file without a row and a row
 * without a file both surface as quarantine records, and a manifest path that leaves the folder is never read.
 */
final class TextFolderSource {
  private TextFolderSource() {}

  static final String FILE_COLUMN = "file";

  static Dataset<Row> read(SparkSession spark, InputFiles input, IngestOptions options) {
    String manifestPath = input.manifest;
    String manifestPattern = InputFiles.literal(manifestPath);
    Dataset<Row> manifest = TableSource.csvReader(spark).schema(TableSource.header(spark, manifestPattern))
        .csv(manifestPattern);
    String[] manifestColumns = manifest.columns();
    if (!Arrays.asList(manifestColumns).contains(FILE_COLUMN)) {
      throw new IllegalArgumentException("the manifest " + manifestPath + " has no '" + FILE_COLUMN
          + "' column (its columns: " + String.join(", ", manifestColumns) + ")");
    }
    // Only the listed files inside the folder are read (the manifest itself is not a document); links that lead
    // outside it join as rows without content, to be quarantined.
    String qualifiedManifest = InputFiles.qualify(spark, manifestPath);
    StructType fileSchema = new StructType().add("path", DataTypes.StringType).add("content", DataTypes.BinaryType)
        .add("_outside", DataTypes.BooleanType);
    // Spark's file scans skip zero-byte files, so those join with empty content from the listing instead.
    List<String> readable = new java.util.ArrayList<>();
    List<Row> unread = new java.util.ArrayList<>();
    for (InputFiles.FileEntry f : input.files) {
      if (f.path().equals(qualifiedManifest)) {
        continue;
      }
      if (f.bytes() > 0) {
        readable.add(InputFiles.literal(f.path()));
      } else {
        unread.add(RowFactory.create(f.path(), new byte[0], false));
      }
    }
    input.outside.forEach(f -> unread.add(RowFactory.create(f.path(), null, true)));
    Dataset<Row> files = readable.isEmpty() ? spark.createDataFrame(List.of(), fileSchema)
        : binaryFiles(spark, readable).select(col("path"), col("content"), lit(false).as("_outside"));
    files = files.unionByName(spark.createDataFrame(unread, fileSchema));
    String prefix = InputFiles.qualify(spark, input.root).replaceAll("/+$", "") + "/";
    files = files.withColumn("_rel", expr("substring(path, " + (prefix.length() + 1) + ")"))
        .filter(col("path").startsWith(prefix));

    Dataset<Row> rows = RowNumbers.add(manifest, "_row").select(
        udf((UDF1<String, String>) TextFolderSource::normalise, DataTypes.StringType).apply(col(FILE_COLUMN)).as("_mrel"),
        col("_row"), col(FILE_COLUMN).as("_file"),
        struct(Arrays.stream(manifestColumns).map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new)).as("_m"));
    // A file that several manifest rows name is read once, for the first of them; the others are duplicates
    // (they would give the same doc_id, and the same source and position, which no later step could tell apart).
    Dataset<Row> joined = files.join(rows, files.col("_rel").equalTo(rows.col("_mrel")), "full_outer")
        .withColumn("_first", min(col("_row")).over(org.apache.spark.sql.expressions.Window.partitionBy(col("path"))));

    Fields fields = new Fields(options);
    List<String> available = Arrays.asList(manifestColumns);
    String manifestSource = qualifiedManifest;
    return spark.createDataFrame(joined.javaRDD().map(r -> toRaw(r, fields, available, manifestSource, prefix)),
        Raw.SCHEMA);
  }

  private static final String LISTING_THRESHOLD = "spark.sql.sources.parallelPartitionDiscovery.threshold";

  /**
   * Spark's binaryFile source over these files. Spark lists more than 32 paths in a job of a task per path: for a
   * folder of a file per article, thousands of tasks (30 s for 2,000 articles here) to learn again what InputFiles
   * has just listed. On the local disk, where a file's status costs microseconds, the driver lists them itself (the
   * threshold raised for this one read, which lists as it is defined); other stores keep Spark's parallel listing.
   */
  private static Dataset<Row> binaryFiles(SparkSession spark, List<String> paths) {
    var reader = spark.read().format("binaryFile").option("recursiveFileLookup", "true");
    if (!paths.stream().allMatch(p -> p.startsWith("file:"))) {
      return reader.load(paths.toArray(String[]::new));
    }
    scala.Option<String> before = spark.conf().getOption(LISTING_THRESHOLD);
    spark.conf().set(LISTING_THRESHOLD, String.valueOf(Integer.MAX_VALUE));
    try {
      return reader.load(paths.toArray(String[]::new));
    } finally {
      if (before.isDefined()) {
        spark.conf().set(LISTING_THRESHOLD, before.get());
      } else {
        spark.conf().unset(LISTING_THRESHOLD);
      }
    }
  }

  /** A manifest path made relative and '/'-separated, or null when it points outside the input root. */
  static String normalise(String file) {
    if (file == null) {
      return null;
    }
    String f = file.strip().replace('\\', '/');
    if (f.isEmpty() || f.startsWith("/") || f.contains("://") || f.matches("^[A-Za-z]:.*")) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (String part : f.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        return null;
      }
      out.append(out.length() == 0 ? "" : "/").append(part);
    }
    return out.length() == 0 ? null : out.toString();
  }

  private static Row toRaw(Row r, Fields fields, List<String> manifestColumns, String manifestSource, String prefix) {
    String path = r.getAs("path");
    Row m = r.getAs("_m");
    if (Boolean.TRUE.equals(r.getAs("_outside"))) {
      String detail = "the file " + path.substring(prefix.length()) + " is a link that leads outside the input folder; it was not read";
      return m == null ? Raw.quarantined(path, 0, null, Raw.Reason.OUTSIDE_INPUT_ROOT, detail, null)
          : Raw.quarantined(manifestSource, r.getAs("_row"), null, Raw.Reason.OUTSIDE_INPUT_ROOT, detail, m.mkString(","));
    }
    if (m == null) {
      String content = r.getAs("content") == null ? null : new String((byte[]) r.getAs("content"), StandardCharsets.UTF_8);
      return Raw.quarantined(path, 0, null, Raw.Reason.NO_MANIFEST_ROW,
          "the file " + path.substring(prefix.length()) + " has no row in the manifest", content);
    }
    long row = r.getAs("_row");
    String file = r.getAs("_file");
    if (path == null) {
      boolean outside = normalise(file) == null;
      return Raw.quarantined(manifestSource, row, null,
          outside ? Raw.Reason.OUTSIDE_INPUT_ROOT : Raw.Reason.MISSING_FILE,
          outside ? "the manifest path '" + file + "' is empty, absolute or leaves the input folder; it was not read"
              : "the manifest names '" + file + "' but no such file exists under the input folder",
          m.mkString(","));
    }
    long first = r.getAs("_first");
    if (row != first) {
      return Raw.quarantined(manifestSource, row, null, Raw.Reason.DUPLICATE_ID, "the manifest names the file '" + file
          + "' again; it is read once, for the manifest's row " + first, m.mkString(","));
    }
    byte[] bytes = r.getAs("content");
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return Raw.quarantined(path, 0, null, Raw.Reason.INVALID_UTF8,
          "the file is not valid UTF-8 (" + e.getMessage() + ")", new String(bytes, StandardCharsets.UTF_8));
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < manifestColumns.size(); i++) {
      values.put(manifestColumns.get(i), m.isNullAt(i) ? null : m.getString(i));
    }
    Set<String> roles = fields.roleColumns(manifestColumns);
    Map<String, String> extra = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (!roles.contains(k) && !k.equals(FILE_COLUMN)) {
        extra.put(k, v);
      }
    });
    String rel = r.getAs("_rel");
    String idColumn = Fields.pick(fields.id, manifestColumns);
    String id = idColumn != null ? values.get(idColumn) : rel.replaceFirst("\\.[^./]+$", "");
    return Raw.document(path, 0, id, get(values, fields.outlet, manifestColumns), get(values, fields.date, manifestColumns),
        get(values, fields.author, manifestColumns), get(values, fields.title, manifestColumns),
        get(values, fields.url, manifestColumns), text, extra);
  }

  private static String get(Map<String, String> values, List<String> role, List<String> available) {
    String name = Fields.pick(role, available);
    return name == null ? null : values.get(name);
  }
}
