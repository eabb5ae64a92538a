package org.framelens.corpus;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** What ReaderFuzzTest found, one example each, at the readers (no full ingest run). */
class ReaderEdgeCasesTest {
  @Test
  void twoJsonObjectsGluedIntoOneLineAreMalformed() {
    List<Tuple2<LongWritable, Text>> lines = List.of(
        new Tuple2<>(new LongWritable(0), new Text("{\"id\": \"a\", \"text\": \"One.\"}{\"id\": \"b\", \"text\": \"Two.\"}")),
        new Tuple2<>(new LongWritable(60), new Text("{\"id\": \"c\", \"text\": \"Three.\"} }")),
        new Tuple2<>(new LongWritable(90), new Text("{\"id\": \"d\", \"text\": \"Four.\"}  ")));
    List<Row> rows = new ArrayList<>();
    new JsonLinesSource.Records("f.jsonl", lines.iterator(), new Fields(new IngestOptions())).forEachRemaining(rows::add);

    assertEquals(List.of("malformed_json", "malformed_json"), rows.subList(0, 2).stream().map(r -> r.getString(10)).toList());
    assertNull(rows.get(2).get(10), rows.get(2).toString());   // trailing whitespace is fine
    assertEquals("d", rows.get(2).getString(2));
  }
}
