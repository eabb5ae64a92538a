package org.framelens.corpus;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.framelens.TestSpark;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** What ReaderFuzzTest found, one example each, at the readers (no full ingest run). */
class ReaderEdgeCasesTest {
  private static final String ODD = "Smith, Jones [draft] {v2} *?";

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

  @Test
  void fileNamesWithCommasAndGlobCharactersAreReadAsThemselves() {
    SparkSession spark = TestSpark.get();
    Path dir = TestSpark.tempDir("odd-names-");
    Ingested.write(dir.resolve("json/" + ODD + ".jsonl"), "{\"id\": \"j1\", \"text\": \"One.\"}\n");
    Ingested.write(dir.resolve("json/Smith.jsonl"), "{\"id\": \"j2\", \"text\": \"Not the one above.\"}\n");
    Ingested.write(dir.resolve("csv/" + ODD + ".csv"), "id,text\nc1,\"One, quoted.\"\n");
    Ingested.write(dir.resolve("text/manifest.csv"), "file,outlet\n\"" + ODD + ".txt\",A\n");
    Ingested.write(dir.resolve("text/" + ODD + ".txt"), "The text.");

    List<Row> json = JsonLinesSource.read(spark, List.of(qualify(dir.resolve("json/" + ODD + ".jsonl"))),
        new IngestOptions()).collectAsList();
    assertEquals(List.of("j1"), json.stream().map(r -> (String) r.getAs("doc_id")).toList());
    List<Row> csv = TableSource.csv(spark, List.of(qualify(dir.resolve("csv/" + ODD + ".csv"))), new IngestOptions())
        .collectAsList();
    assertEquals(List.of("One, quoted."), csv.stream().map(r -> (String) r.getAs("text")).toList());
    assertEquals(qualify(dir.resolve("csv/" + ODD + ".csv")), csv.get(0).getAs("source"));   // not percent-encoded
    IngestOptions o = new IngestOptions();
    o.input = dir.resolve("text").toString();
    List<Row> text = TextFolderSource.read(spark, InputFiles.resolve(spark, o), o).collectAsList();
    assertEquals(1, text.size(), text.toString());
    assertNull(text.get(0).getAs("reason"), text.toString());
    assertEquals(ODD, text.get(0).getAs("doc_id"));
  }

  @Test
  void aFileTheManifestNamesTwiceIsReadOnceAndTheSecondRowIsADuplicate() {
    SparkSession spark = TestSpark.get();
    Path dir = TestSpark.tempDir("named-twice-");
    Ingested.write(dir.resolve("manifest.csv"), "file,outlet\na.txt,A\nb.txt,B\n./a.txt,Other\n");
    Ingested.write(dir.resolve("a.txt"), "Text a.");
    Ingested.write(dir.resolve("b.txt"), "Text b.");
    IngestOptions o = new IngestOptions();
    o.input = dir.toString();

    List<Row> rows = TextFolderSource.read(spark, InputFiles.resolve(spark, o), o).collectAsList();

    assertEquals(3, rows.size(), rows.toString());
    List<Row> docs = rows.stream().filter(r -> r.getAs("reason") == null).toList();
    assertEquals(List.of("A", "B"), docs.stream().map(r -> (String) r.getAs("outlet_raw")).sorted().toList());
    Row dup = rows.stream().filter(r -> r.getAs("reason") != null).findFirst().orElseThrow();
    assertEquals("duplicate_id", dup.getAs("reason"));
    assertEquals(2L, (long) dup.getAs("position"));
    assertTrue(((String) dup.getAs("source")).endsWith("manifest.csv"), dup.toString());
    assertTrue(new String(((String) dup.getAs("detail")).getBytes(UTF_8), UTF_8).contains("row 0"), dup.toString());
  }

  private static String qualify(Path p) {
    return InputFiles.qualify(TestSpark.get(), p.toString());
  }
}
