package org.framelens.corpus;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.framelens.TestSpark;
import org.framelens.pipeline.FramelensException;
import org.junit.jupiter.api.Test;

/**
 * Defect 8 of issue 17: a field of the wrong JSON or Parquet type. The text must be a string; an id may be an
 * integer (its decimal digits), authors an array of strings (joined with "; "), the other roles a scalar (its text);
 * anything else is quarantined as wrong_type, naming the field and the type found.
 */
class FieldTypesTest {

  @Test
  void jsonLinesFieldsOfTheWrongTypeAreQuarantinedOrConverted() {
    Path dir = TestSpark.tempDir("field-types-");
    Ingested.write(dir.resolve("in/typed.jsonl"), String.join("\n",
        "{\"id\": \"t-num\", \"outlet\": \"O\", \"text\": 12345}",
        "{\"id\": \"t-obj\", \"outlet\": \"O\", \"text\": {\"body\": \"an object\"}}",
        "{\"id\": \"t-arr\", \"outlet\": \"O\", \"text\": [\"a\", \"b\"]}",
        "{\"id\": \"t-bool\", \"outlet\": \"O\", \"text\": true}",
        "{\"id\": 12345, \"outlet\": \"O\", \"text\": \"A numeric id.\"}",
        "{\"id\": 1.5, \"outlet\": \"O\", \"text\": \"A fractional id.\"}",
        "{\"id\": \"au\", \"outlet\": \"O\", \"authors\": [\"Ann Smith\", \"Jones, Bob\"], \"text\": \"Two authors.\"}",
        "{\"id\": \"au-bad\", \"outlet\": \"O\", \"authors\": [1, 2], \"text\": \"Numbers as authors.\"}",
        "{\"id\": \"o-obj\", \"outlet\": {\"name\": \"O\"}, \"text\": \"An object as outlet.\"}",
        "{\"id\": \"ti\", \"outlet\": \"O\", \"title\": 1984, \"text\": \"A numeric title.\"}",
        "{\"id\": \"t-null\", \"outlet\": \"O\", \"text\": null}",
        "{\"id\": \"ok\", \"outlet\": \"O\", \"text\": \"Fine.\", \"label\": {\"x\": 1}}",
        ""));

    Ingested out = Ingested.run(dir.resolve("in"), dir.resolve("out"));

    assertEquals(List.of("12345", "au", "ok", "ti"), out.docIds());
    assertEquals("A numeric id.", out.doc("12345").getAs("text"));
    assertEquals("Ann Smith; Jones, Bob", out.doc("au").getAs("author"));
    assertEquals("1984", out.doc("ti").getAs("title"));
    assertEquals(Map.of("label", "{\"x\":1}"), Ingested.extra(out.doc("ok")));

    Map<String, Row> byId = out.quarantine().stream().filter(q -> q.getAs("doc_id") != null)
        .collect(Collectors.toMap(q -> (String) q.getAs("doc_id"), q -> q));
    assertWrongType(byId.get("t-num"), "'text'", "number");
    assertWrongType(byId.get("t-obj"), "'text'", "object");
    assertWrongType(byId.get("t-arr"), "'text'", "array");
    assertWrongType(byId.get("t-bool"), "'text'", "boolean");
    assertWrongType(byId.get("au-bad"), "'authors'", "array");
    assertWrongType(byId.get("o-obj"), "'outlet'", "object");
    assertEquals("empty_text", byId.get("t-null").getAs("reason"));
    List<Row> noId = out.quarantine().stream().filter(q -> q.getAs("doc_id") == null).toList();
    assertEquals(1, noId.size(), "quarantine: " + out.quarantine());
    assertWrongType(noId.get(0), "'id'", "number");
    assertTrue(((String) noId.get(0).getAs("record")).contains("1.5"), noId.get(0).toString());
    assertEquals(12, out.documents().size() + out.quarantine().size());
  }

  @Test
  void parquetColumnsAreConvertedByTheSameRules() {
    Path dir = TestSpark.tempDir("field-types-");
    StructType schema = new StructType()
        .add("id", DataTypes.LongType, true)
        .add("outlet", DataTypes.StringType, true)
        .add("authors", DataTypes.createArrayType(DataTypes.StringType), true)
        .add("date", DataTypes.DateType, true)
        .add("text", DataTypes.StringType, true)
        .add("meta", new StructType().add("k", DataTypes.StringType), true);
    List<Row> rows = List.of(
        RowFactory.create(7L, "P", List.of("Ann Smith", "Bob Jones").toArray(), Date.valueOf("2022-12-07"), "Seven.",
            RowFactory.create("v")),
        RowFactory.create(8L, "P", new Object[0], null, "Eight.", null));
    TestSpark.get().createDataFrame(rows, schema).coalesce(1).write().parquet(dir.resolve("in/t.parquet").toString());

    Ingested out = Ingested.run(dir.resolve("in/t.parquet"), dir.resolve("out"));

    assertEquals(List.of("7", "8"), out.docIds());
    assertEquals("Ann Smith; Bob Jones", out.doc("7").getAs("author"));
    assertNull(out.doc("8").getAs("author"));
    assertEquals(Date.valueOf("2022-12-07"), out.doc("7").getAs("published"));
    assertEquals(Map.of("meta", "{\"k\":\"v\"}"), Ingested.extra(out.doc("7")));
    assertEquals(List.of(), out.quarantine());
  }

  @Test
  void aParquetTextColumnThatIsNotAStringQuarantinesItsRowsAndTheRunSaysWhy() {
    Path dir = TestSpark.tempDir("field-types-");
    StructType schema = new StructType()
        .add("id", DataTypes.StringType, true)
        .add("outlet", DataTypes.StringType, true)
        .add("text", DataTypes.IntegerType, true);
    TestSpark.get().createDataFrame(List.of(RowFactory.create("a", "P", 12345), RowFactory.create("b", "P", 6)), schema)
        .coalesce(1).write().parquet(dir.resolve("in/t.parquet").toString());

    FramelensException e = assertThrows(FramelensException.class,
        () -> Ingested.run(dir.resolve("in/t.parquet"), dir.resolve("out")));

    assertTrue(e.getMessage().contains("wrong_type=2"), e.getMessage());
  }

  private static void assertWrongType(Row q, String field, String type) {
    assertNotNull(q, "no quarantine row for a field " + field + " holding a " + type);
    assertEquals("wrong_type", q.getAs("reason"), q.toString());
    String detail = q.getAs("detail");
    assertTrue(detail.contains(field) && detail.contains(type), detail);
  }
}
