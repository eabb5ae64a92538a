package org.framelens.corpus;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * CSV (header row, RFC 4180 quoting, records may span lines) and Parquet, read by Spark's own readers and mapped to
 * {@link Raw#SCHEMA}. Spark decodes CSV leniently, so a replacement character in any field marks the row as
 * invalid UTF-8.
 */
final class TableSource {
  private TableSource() {}

  static final String CORRUPT = "_corrupt_record";

  static Dataset<Row> csv(SparkSession spark, List<String> files, IngestOptions options) {
    Dataset<Row> rows = csvRecords(spark, files);
    String[] header = Arrays.stream(rows.columns())
        .filter(c -> !c.equals(CORRUPT) && !c.equals("_source") && !c.equals("_row")).toArray(String[]::new);
    return toRaw(rows, options, header, Raw.Reason.MALFORMED_CSV);
  }

  /**
   * The records exactly as Spark's CSV reader reports them, before they are mapped to {@link Raw#SCHEMA}: the header's
   * columns as strings, CORRUPT (the raw record where it does not fit the header), `_source` and `_row`.
   */
  static Dataset<Row> csvRecords(SparkSession spark, List<String> files) {
    String[] paths = files.stream().map(InputFiles::literal).toArray(String[]::new);
    StructType schema = header(spark, paths).add(CORRUPT, DataTypes.StringType, true);
    return number(csvReader(spark).schema(schema).option("columnNameOfCorruptRecord", CORRUPT).csv(paths));
  }

  /**
   * The header's columns, as strings. Read line by line: Spark's multi-line schema inference re-reads the files
   * through a comma-joined list of their names, which a comma in a file name breaks ("matches 0 files"); with the
   * schema given, the multi-line read itself takes the files one by one. (A header does not span lines.)
   */
  static StructType header(SparkSession spark, String... paths) {
    StructType header = csvReader(spark).option("multiLine", "false").csv(paths).schema();
    return new StructType(Arrays.stream(header.fields())
        .map(f -> new StructField(f.name(), DataTypes.StringType, true, f.metadata())).toArray(StructField[]::new));
  }

  static org.apache.spark.sql.DataFrameReader csvReader(SparkSession spark) {
    return spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
        .option("mode", "PERMISSIVE").option("encoding", "UTF-8");
  }

  static Dataset<Row> parquet(SparkSession spark, List<String> files, IngestOptions options) {
    Dataset<Row> df = spark.read().parquet(files.stream().map(InputFiles::literal).toArray(String[]::new));
    return toRaw(number(df), options, df.columns(), null);
  }

  /** The file name is taken while the scan is still a file scan; row numbers follow input order. */
  private static Dataset<Row> number(Dataset<Row> df) {
    Column source = udf((org.apache.spark.sql.api.java.UDF1<String, String>) TableSource::hadoopPath, DataTypes.StringType)
        .apply(input_file_name());
    return RowNumbers.add(df.withColumn("_source", source), "_row");
  }

  /**
   * input_file_name() gives the file's URI, percent-encoded ({@code a%20b.csv}); the listing, the JSON Lines and the
   * text readers name a file by its Hadoop path ({@code a b.csv}), and so must the quarantine's source.
   */
  private static String hadoopPath(String uri) {
    try {
      return uri == null || uri.isEmpty() ? uri : new org.apache.hadoop.fs.Path(new java.net.URI(uri)).toString();
    } catch (java.net.URISyntaxException e) {
      return uri;
    }
  }

  /** Maps named columns to the raw shape; `_source` and `_row` hold file and row number, CORRUPT (if present) Spark's parse error. */
  private static Dataset<Row> toRaw(Dataset<Row> df, IngestOptions options, String[] dataColumns, Raw.Reason corrupt) {
    Fields fields = new Fields(options);
    List<String> available = Arrays.asList(dataColumns);
    Set<String> roles = fields.roleColumns(available);
    List<Column> keys = new ArrayList<>();
    List<Column> values = new ArrayList<>();
    for (String c : available) {
      if (!roles.contains(c)) {
        keys.add(lit(c));
        values.add(asText(df, c));
      }
    }
    Column extra = map_from_arrays(array(keys.toArray(new Column[0])).cast("array<string>"),
        array(values.toArray(new Column[0])).cast("array<string>"));
    Column anyReplacement = lit(false);
    for (String c : available) {
      if (df.schema().apply(c).dataType() instanceof StringType) {
        anyReplacement = anyReplacement.or(coalesce(col(c).contains("\uFFFD"), lit(false)));
      }
    }
    // A role column of a type the rules do not convert (README, Input) quarantines each row where it holds a value.
    List<Column> wrongTypes = new ArrayList<>();
    Column[] roleValues = new Column[Role.values().length];
    for (Role r : Role.values()) {
      String name = Fields.pick(r.candidates(fields), available);
      org.apache.spark.sql.types.DataType type = name == null ? null : df.schema().apply(name).dataType();
      roleValues[r.ordinal()] = name == null ? lit(null).cast("string") : r.kind.value(col(name), type);
      if (name != null && roleValues[r.ordinal()] == null) {
        roleValues[r.ordinal()] = lit(null).cast("string");
        wrongTypes.add(when(col(name).isNotNull(), lit("the column '" + name + "' has type " + type.simpleString()
            + ", where " + r.kind.expected + " is expected")));
      }
    }
    Column wrongType = wrongTypes.isEmpty() ? lit(null).cast("string")
        : nullif(concat_ws("; ", wrongTypes.toArray(new Column[0])), lit(""));
    Column recordText = concat_ws(" | ", available.stream().map(c -> asText(df, c)).toArray(Column[]::new));
    boolean hasCorrupt = Arrays.asList(df.columns()).contains(CORRUPT);
    Column reason = (hasCorrupt ? when(col(CORRUPT).isNotNull(), lit(corrupt.code)) : when(lit(false), lit(null)))
        .when(anyReplacement, lit(Raw.Reason.INVALID_UTF8.code))
        .when(wrongType.isNotNull(), lit(Raw.Reason.WRONG_TYPE.code));
    Column detail = (hasCorrupt
        ? when(col(CORRUPT).isNotNull(), lit("the row does not match the header (wrong number of fields or broken quoting)"))
        : when(lit(false), lit(null)))
        .when(anyReplacement, lit("a field holds bytes that are not valid UTF-8"))
        .when(wrongType.isNotNull(), wrongType);
    Column record = hasCorrupt ? coalesce(col(CORRUPT), recordText) : recordText;
    return df.select(
        col("_source").as("source"),
        col("_row").as("position"),
        roleValues[Role.ID.ordinal()].as("doc_id"),
        roleValues[Role.OUTLET.ordinal()].as("outlet_raw"),
        roleValues[Role.DATE.ordinal()].as("published_raw"),
        roleValues[Role.AUTHOR.ordinal()].as("author"),
        roleValues[Role.TITLE.ordinal()].as("title"),
        roleValues[Role.URL.ordinal()].as("url"),
        roleValues[Role.TEXT.ordinal()].as("text"),
        extra.as("extra"),
        reason.as("reason"),
        detail.as("detail"),
        when(reason.isNotNull(), substring(record, 1, Raw.EXCERPT)).as("record"));
  }

  /** The roles, in the order of their Raw columns, with what each may hold. */
  private enum Role {
    ID(Kind.ID), OUTLET(Kind.SCALAR), DATE(Kind.SCALAR), AUTHOR(Kind.AUTHORS), TITLE(Kind.SCALAR), URL(Kind.SCALAR),
    TEXT(Kind.TEXT);

    final Kind kind;

    Role(Kind kind) {
      this.kind = kind;
    }

    List<String> candidates(Fields f) {
      return switch (this) {
        case ID -> f.id;
        case OUTLET -> f.outlet;
        case DATE -> f.date;
        case AUTHOR -> f.author;
        case TITLE -> f.title;
        case URL -> f.url;
        case TEXT -> f.text;
      };
    }
  }

  /** The same rules as JSON Lines' ({@link JsonLinesSource.Kind}), by column type. */
  private enum Kind {
    TEXT(JsonLinesSource.Kind.TEXT), ID(JsonLinesSource.Kind.ID), AUTHORS(JsonLinesSource.Kind.AUTHORS),
    SCALAR(JsonLinesSource.Kind.SCALAR);

    final String expected;

    Kind(JsonLinesSource.Kind json) {
      this.expected = json.expected;
    }

    /** The column as text, or null when its type is wrong for the role. */
    Column value(Column c, org.apache.spark.sql.types.DataType type) {
      if (type instanceof StringType) {
        return c;
      }
      return switch (this) {
        case TEXT -> null;
        case ID -> List.of(DataTypes.ByteType, DataTypes.ShortType, DataTypes.IntegerType, DataTypes.LongType).contains(type)
            || (type instanceof org.apache.spark.sql.types.DecimalType d && d.scale() == 0) ? c.cast("string") : null;
        case AUTHORS -> type instanceof org.apache.spark.sql.types.ArrayType a && a.elementType() instanceof StringType
            ? nullif(array_join(c, "; "), lit("")) : null;
        case SCALAR -> type instanceof org.apache.spark.sql.types.NumericType
            || type instanceof org.apache.spark.sql.types.BooleanType || type instanceof org.apache.spark.sql.types.DateType
            || type instanceof org.apache.spark.sql.types.TimestampType
            || type instanceof org.apache.spark.sql.types.TimestampNTZType ? c.cast("string") : null;
      };
    }
  }

  private static Column asText(Dataset<Row> df, String name) {
    var type = df.schema().apply(name).dataType();
    boolean scalar = type instanceof StringType || type instanceof org.apache.spark.sql.types.NumericType
        || type instanceof org.apache.spark.sql.types.BooleanType || type instanceof org.apache.spark.sql.types.DateType
        || type instanceof org.apache.spark.sql.types.TimestampType;
    return scalar ? col(name).cast("string") : to_json(col(name));
  }
}
