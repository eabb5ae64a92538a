package org.framelens.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.FileInputFormat;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapred.InputSplit;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * JSON Lines (plain or compressed with any Hadoop codec). Lines are read as raw bytes through Hadoop's
 * TextInputFormat so that invalid UTF-8 is detected instead of silently replaced, and parsed with Jackson so that
 * every bad line keeps its own error message. A file that breaks off (a truncated gzip) yields the records read so
 * far plus one unreadable_file record.
 */
final class JsonLinesSource {
  private JsonLinesSource() {}

  static Dataset<Row> read(SparkSession spark, List<String> files, IngestOptions options) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // Paths one by one, not hadoopFile's comma-separated string: a comma or a glob character in a file name would
    // split or widen it.
    JobConf conf = new JobConf(spark.sparkContext().hadoopConfiguration());
    FileInputFormat.setInputPaths(conf, files.stream().map(f -> new Path(InputFiles.literal(f))).toArray(Path[]::new));
    @SuppressWarnings("unchecked")
    JavaHadoopRDD<LongWritable, Text> lines = (JavaHadoopRDD<LongWritable, Text>) jsc.hadoopRDD(
        conf, TextInputFormat.class, LongWritable.class, Text.class, jsc.defaultParallelism());
    Fields fields = new Fields(options);
    JavaRDD<Row> rows = lines.mapPartitionsWithInputSplit(
        (split, it) -> new Records(sourceOf(split), it, fields), false);
    return spark.createDataFrame(rows, Raw.SCHEMA);
  }

  private static String sourceOf(InputSplit split) {
    return split instanceof FileSplit f ? f.getPath().toString() : split.toString();
  }

  /** Turns (offset, line) pairs into raw rows; read errors end the split with one unreadable_file row. */
  static final class Records implements Iterator<Row> {
    // Jackson refuses strings over 20 M characters by default; an oversized text must reach the size check
    // (too_large) rather than be reported as malformed JSON. Anything after the object (two records glued into one
    // line, a stray brace) makes the line malformed: by default Jackson would return the first object and drop the rest.
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
        .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
            .maxStringLength(Integer.MAX_VALUE).build()).build())
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final String source;
    private final Iterator<Tuple2<LongWritable, Text>> in;
    private final Fields fields;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private Row next;
    private boolean failed;
    private long lastOffset = -1;
    private long read;

    Records(String source, Iterator<Tuple2<LongWritable, Text>> in, Fields fields) {
      this.source = source;
      this.in = in;
      this.fields = fields;
    }

    @Override
    public boolean hasNext() {
      while (next == null && !failed) {
        Tuple2<LongWritable, Text> pair;
        try {
          if (!in.hasNext()) {
            return false;
          }
          pair = in.next();
        } catch (Exception e) {   // IOExceptions (EOF in a gzip member, checksum, ...) arrive unwrapped through Scala
          // iterators, which do not declare them: catching RuntimeException alone let a truncated gzip fail the job.
          failed = true;
          next = Raw.quarantined(source, lastOffset + 1, null, Raw.Reason.UNREADABLE_FILE,
              "reading stopped after " + read + " records of this split: " + rootMessage(e), null);
          break;
        }
        lastOffset = pair._1().get();
        read++;
        next = parse(lastOffset, pair._2());
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }

    /** null for a blank line, which is not a record. */
    private Row parse(long offset, Text line) {
      String s;
      try {
        s = utf8.decode(ByteBuffer.wrap(line.getBytes(), 0, line.getLength())).toString();
      } catch (CharacterCodingException e) {
        String lossy = new String(line.getBytes(), 0, line.getLength(), StandardCharsets.UTF_8);
        return Raw.quarantined(source, offset, null, Raw.Reason.INVALID_UTF8,
            "the line is not valid UTF-8 (" + e.getMessage() + ")", lossy);
      }
      if (offset == 0 && s.startsWith("\uFEFF")) {
        s = s.substring(1);
      }
      if (s.isBlank()) {
        read--;
        return null;
      }
      JsonNode node;
      try {
        node = JSON.readTree(s);
      } catch (JsonProcessingException e) {
        return Raw.quarantined(source, offset, null, Raw.Reason.MALFORMED_JSON, e.getOriginalMessage(), s);
      }
      if (node == null || !node.isObject()) {
        return Raw.quarantined(source, offset, null, Raw.Reason.MALFORMED_JSON,
            "a line must hold one JSON object, not " + (node == null ? "nothing" : node.getNodeType()), s);
      }
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Map<String, String> extra = new LinkedHashMap<>();
      java.util.Set<String> roles = fields.roleColumns(names);
      for (String name : names) {
        if (!roles.contains(name)) {
          extra.put(name, extraText(node.get(name)));
        }
      }
      List<String> wrong = new ArrayList<>();
      String id = field(node, fields.id, names, Kind.ID, wrong);
      String outlet = field(node, fields.outlet, names, Kind.SCALAR, wrong);
      String date = field(node, fields.date, names, Kind.SCALAR, wrong);
      String author = field(node, fields.author, names, Kind.AUTHORS, wrong);
      String title = field(node, fields.title, names, Kind.SCALAR, wrong);
      String url = field(node, fields.url, names, Kind.SCALAR, wrong);
      String text = field(node, fields.text, names, Kind.TEXT, wrong);
      if (!wrong.isEmpty()) {
        return Raw.quarantined(source, offset, id, Raw.Reason.WRONG_TYPE, "the field " + String.join("; the field ", wrong), s);
      }
      return Raw.document(source, offset, id, outlet, date, author, title, url, text, extra);
    }
  }

  /** What a role field may hold besides a string (and null, the same as a missing field). */
  enum Kind {
    TEXT("a string"), ID("a string or an integer"), AUTHORS("a string or an array of strings"),
    SCALAR("a string, a number or a boolean");

    final String expected;

    Kind(String expected) {
      this.expected = expected;
    }
  }

  /**
   * A role field's value as text by the type rules (README, Input): a string as it is; an integer id as its decimal
   * digits; an array of strings as authors joined with "; "; a number or boolean in the other metadata fields as
   * written. Anything else is a wrong type: null, and "'name' holds a JSON type, ..." added to {@code wrong}.
   */
  static String field(JsonNode node, List<String> role, List<String> names, Kind kind, List<String> wrong) {
    String name = Fields.pick(role, names);
    JsonNode v = name == null ? null : node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    String found = "a JSON " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    switch (kind) {
      case ID -> {
        if (v.isIntegralNumber()) {
          return v.bigIntegerValue().toString();
        }
        if (v.isNumber()) {
          found = "a JSON number that is not an integer (" + v.asText() + ")";
        }
      }
      case AUTHORS -> {
        if (v.isArray()) {
          List<String> parts = new ArrayList<>();
          JsonNode other = null;
          for (JsonNode x : v) {
            if (x.isTextual()) {
              parts.add(x.textValue());
            } else if (!x.isNull() && other == null) {
              other = x;
            }
          }
          if (other == null) {
            return parts.isEmpty() ? null : String.join("; ", parts);
          }
          found = "a JSON array holding a " + other.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
      }
      case SCALAR -> {
        if (v.isNumber() || v.isBoolean()) {
          return v.asText();
        }
      }
      case TEXT -> { }
    }
    wrong.add("'" + name + "' holds " + found + ", where " + kind.expected + " is expected");
    return null;
  }

  /** Any other field, for documents.extra: scalars as written, an array of scalars joined with ", ", else its JSON. */
  private static String extraText(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isArray() && v.size() > 0) {
      List<String> parts = new ArrayList<>();
      for (JsonNode x : v) {
        if (!x.isValueNode() || x.isNull()) {
          return v.toString();
        }
        parts.add(x.asText());
      }
      return String.join(", ", parts);
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
