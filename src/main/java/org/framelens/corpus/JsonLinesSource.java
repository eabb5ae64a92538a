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
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapred.InputSplit;
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
    @SuppressWarnings("unchecked")
    JavaHadoopRDD<LongWritable, Text> lines = (JavaHadoopRDD<LongWritable, Text>) jsc.hadoopFile(
        String.join(",", files), TextInputFormat.class, LongWritable.class, Text.class, jsc.defaultParallelism());
    Fields fields = new Fields(options);
    JavaRDD<Row> rows = lines.mapPartitionsWithInputSplit(
        (split, it) -> new Records(sourceOf(split), it, fields), false);
    return spark.createDataFrame(rows, Raw.SCHEMA);
  }

  private static String sourceOf(InputSplit split) {
    return split instanceof FileSplit f ? f.getPath().toString() : split.toString();
  }

  /** Turns (offset, line) pairs into raw rows; read errors end the split with one unreadable_file row. */
  private static final class Records implements Iterator<Row> {
    // Jackson refuses strings over 20 M characters by default; an oversized text must reach the size check
    // (too_large) rather than be reported as malformed JSON.
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
        .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
            .maxStringLength(Integer.MAX_VALUE).build()).build());
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
          extra.put(name, text(node.get(name)));
        }
      }
      return Raw.document(source, offset, text(node, fields.id, names), text(node, fields.outlet, names),
          text(node, fields.date, names), text(node, fields.author, names), text(node, fields.title, names),
          text(node, fields.url, names), text(node, fields.text, names), extra);
    }

    private static String text(JsonNode node, List<String> role, List<String> names) {
      String name = Fields.pick(role, names);
      return name == null ? null : text(node.get(name));
    }

    private static String text(JsonNode v) {
      if (v == null || v.isNull()) {
        return null;
      }
      if (v.isArray() && v.size() > 0 && v.get(0).isValueNode()) {   // authors: ["A", "B"]
        List<String> parts = new ArrayList<>();
        v.forEach(x -> parts.add(x.asText()));
        return String.join(", ", parts);
      }
      return v.isValueNode() ? v.asText() : v.toString();
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
