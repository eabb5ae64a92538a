package org.framelens.output;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.framelens.pipeline.FramelensException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Parquet contract: every table of a run on the sample corpus, read back with parquet-avro (not Spark), matches
 * the columns, types and null rules documented in docs/tables.md; docs/tables.md matches the code; the run manifest
 * says what ran; and a failed run leaves the folder as it was.
 */
class OutputContractTest {
  private static Path out;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void run() {
    out = org.framelens.SampleRun.get().copy("contract-out");   // the README's first command's folder
    Runs.Settings s = Runs.settings("data/sample", out.toString());
    s.kwic.terms = List.of("coup", "Pedro Castillo");   // the one table `run` does not write
    Runs.only("kwic", s);
  }

  record Documented(String name, String type, boolean nullable) {}

  /** The tables of docs/tables.md, parsed from the markdown a reader sees. */
  static Map<String, List<Documented>> documentedTables() throws IOException {
    Map<String, List<Documented>> tables = new LinkedHashMap<>();
    List<Documented> current = null;
    for (String line : Files.readAllLines(Path.of("docs/tables.md"))) {
      if (line.startsWith("## ") && line.contains("(schema version")) {
        current = new ArrayList<>();
        tables.put(line.substring(3, line.indexOf(" (")), current);
      } else if (line.startsWith("## ")) {
        current = null;
      } else if (current != null && line.startsWith("| ") && !line.startsWith("| column")) {
        String[] cells = line.split(" \\| ");
        current.add(new Documented(cells[0].substring(2), cells[1], cells[2].equals("yes")));
      }
    }
    return tables;
  }

  private static final List<TableSpec> TABLES = new org.framelens.cli.StageSet().outputs().stream()
      .filter(o -> o instanceof TableSpec).map(o -> (TableSpec) o).toList();

  @Test
  void docsMatchTheCode() throws IOException {
    assertEquals(Tables.markdown(new org.framelens.cli.StageSet().outputs()), Files.readString(Path.of("docs/tables.md")),
        "docs/tables.md is generated: run `jobs/framelens tables > docs/tables.md`");
  }

  @Test
  void everyTableReadsBackWithParquetAvroAsDocumented() throws IOException {
    Map<String, List<Documented>> documented = documentedTables();
    assertEquals(TABLES.stream().map(TableSpec::name).toList(), new ArrayList<>(documented.keySet()));
    JsonNode manifest = JSON.readTree(out.resolve("run_manifest.json").toFile());
    for (Map.Entry<String, List<Documented>> table : documented.entrySet()) {
      Path dir = out.resolve(table.getKey());
      JsonNode sidecar = JSON.readTree(dir.resolve(OutputStore.SIDECAR).toFile());
      assertEquals(TABLES.stream().filter(t -> t.name().equals(table.getKey())).findFirst().orElseThrow().version(), sidecar.get("schema_version").asInt());
      long rows = 0;
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
      }
      assertFalse(files.isEmpty(), table.getKey() + " has Parquet files");
      for (Path f : files) {
        Configuration conf = new Configuration();
        conf.setBoolean("parquet.avro.add-list-element-records", false);   // Spark's 3-level lists as plain arrays
        HadoopInputFile file = HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(f.toUri()), conf);
        // The file's schema as parquet-avro reads it, checked even when the file has no row (an empty table's too).
        try (ParquetFileReader footer = ParquetFileReader.open(file)) {
          checkSchema(table.getKey(), table.getValue(),
              new AvroSchemaConverter(conf).convert(footer.getFooter().getFileMetaData().getSchema()));
        }
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(file).build()) {
          for (GenericRecord r; (r = reader.read()) != null; rows++) {
            checkRecord(table.getKey(), table.getValue(), r);
          }
        }
      }
      assertEquals(sidecar.get("rows").asLong(), rows, table.getKey() + " rows");
      assertEquals(rows, manifest.get("tables").get(table.getKey()).get("rows").asLong());
    }
  }

  /** The documented never-null columns of one record (its file's schema is checked once, from the footer). */
  private static void checkRecord(String table, List<Documented> columns, GenericRecord r) {
    for (int i = 0; i < columns.size(); i++) {
      if (!columns.get(i).nullable()) {
        assertNotNull(r.get(i), table + "." + columns.get(i).name() + " is documented as never null");
      }
    }
  }

  private static void checkSchema(String table, List<Documented> columns, Schema record) {
    List<Schema.Field> fields = record.getFields();
    assertEquals(columns.stream().map(Documented::name).toList(), fields.stream().map(Schema.Field::name).toList(), table);
    for (int i = 0; i < columns.size(); i++) {
      Documented c = columns.get(i);
      Schema s = nonNull(fields.get(i).schema());
      String where = table + "." + c.name();
      switch (c.type()) {
        case "string" -> assertEquals(Schema.Type.STRING, s.getType(), where);
        case "int" -> {
          assertEquals(Schema.Type.INT, s.getType(), where);
          assertNull(s.getLogicalType(), where);
        }
        case "bigint" -> assertEquals(Schema.Type.LONG, s.getType(), where);
        case "double" -> assertEquals(Schema.Type.DOUBLE, s.getType(), where);
        case "boolean" -> assertEquals(Schema.Type.BOOLEAN, s.getType(), where);
        case "date" -> assertEquals(LogicalTypes.date(), s.getLogicalType(), where);
        case "array<string>" -> {
          assertEquals(Schema.Type.ARRAY, s.getType(), where);
          assertEquals(Schema.Type.STRING, nonNull(s.getElementType()).getType(), where);
        }
        case "map<string,string>" -> {
          assertEquals(Schema.Type.MAP, s.getType(), where);
          assertEquals(Schema.Type.STRING, nonNull(s.getValueType()).getType(), where);
        }
        default -> fail("undocumented type " + c.type() + " of " + where);
      }
    }
  }

  private static Schema nonNull(Schema s) {
    return s.getType() == Schema.Type.UNION
        ? s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow() : s;
  }

  @Test
  void manifestRecordsConfigVersionsInputAndStages() throws IOException {
    JsonNode m = JSON.readTree(out.resolve("run_manifest.json").toFile());
    assertEquals("succeeded", m.get("status").asText());
    // The last run was `kwic`: each table's own record keeps the settings that made it.
    assertEquals("kwic", m.get("command").asText());
    assertEquals("data/sample", m.at("/tables/documents/settings/ingest/input").asText());
    assertEquals(0.35, m.at("/tables/phrases/settings/terms/phraseMinNpmi").asDouble());
    assertEquals(List.of("coup", "Pedro Castillo"), JSON.convertValue(m.at("/tables/kwic/settings/kwic/terms"), List.class));
    assertEquals("4.1.0", m.at("/versions/spark").asText());
    // As TestSpark sizes its session, the way cli.SparkOptions sizes a small local input.
    assertEquals("2/false/NO_CODEGEN", m.at("/spark/shuffle_partitions").asText() + "/" + m.at("/spark/adaptive_execution").asText()
        + "/" + m.at("/spark/codegen_factory_mode").asText());
    assertEquals(TestSpark.get().conf().get("spark.sql.files.maxPartitionBytes"), m.at("/spark/max_partition_bytes").asText());
    assertEquals("text", m.at("/input/format").asText());
    assertEquals(64, m.at("/input/listing_sha256").asText().length());
    assertEquals(6, m.at("/input/n_files").asInt());   // five articles and the manifest
    assertEquals(5, m.at("/counts/documents").asLong());
    assertEquals(0, m.at("/counts/quarantined").asLong());
    assertEquals(5, m.at("/counts/outlets").asLong());
    assertEquals(1, m.at("/counts/unknown_outlet").asLong());
    List<String> stages = new ArrayList<>();
    m.get("stages").forEach(s -> stages.add(s.get("name").asText()));
    assertEquals(List.of("ingest", "terms", "distinctive", "topics", "entities", "quotes", "events", "kwic", "report"), stages);
    assertTrue(Files.exists(out.resolve("graphs/ALL.graphml")) && Files.exists(out.resolve("graphs/ALL.gexf")));
    try (Stream<Path> s = Files.list(out)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("_")), "no staging or trash left behind");
    }
  }

  @Test
  void aFailedRunLeavesThePreviousOutputsAsTheyWere() throws IOException {
    Path dir = TestSpark.tempDir("contract-fail");
    Runs.ingestAndTerms(Runs.settings("data/sample", dir.toString()));
    String before = Files.readString(dir.resolve("run_manifest.json"));

    Path bad = TestSpark.tempDir("all-bad").resolve("bad.jsonl");
    Files.writeString(bad, "{not json\n{\"id\": \"x\", \"text\": \"\"}\n");
    FramelensException e = assertThrows(FramelensException.class, () -> Runs.all(Runs.settings(bad.toString(), dir.toString())));
    assertTrue(e.getMessage().contains("no usable documents"), e.getMessage());

    assertEquals(before, Files.readString(dir.resolve("run_manifest.json")));
    assertEquals(5, TestSpark.get().read().parquet(dir.resolve("documents").toString()).count());
    try (Stream<Path> s = Files.list(dir)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("_")), "staging removed after the failure");
    }
  }

  @Test
  void rerunningAnEarlierStageRemovesTheTablesComputedFromItsOldOutput() throws IOException {
    // A copy of the full run's folder (every stage's tables, models/, graphs/, the report, kwic) stands for one.
    Path dir = org.framelens.SampleRun.copy(out, "contract-stale");
    for (String stale : List.of("distinctive_terms", "topic_terms", "graphs", "models", "quotes", "events", "report")) {
      assertTrue(Files.exists(dir.resolve(stale)), stale);
    }
    Runs.ingestOnly(Runs.settings("data/sample", dir.toString()));
    List<String> left;
    try (Stream<Path> files = Files.list(dir)) {
      left = files.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith(".")).sorted().toList();
    }
    // Every table and folder computed from the replaced documents is gone; ingest's own are new. The report is the
    // one the subcommand would rewrite (Runs.only leaves the report stage out).
    assertEquals(List.of("documents", "near_duplicates", "quarantine", "removed_text", "report", "report.md",
        "run_manifest.json"), left);
    JsonNode m = JSON.readTree(dir.resolve("run_manifest.json").toFile());
    assertEquals(List.of("documents", "quarantine", "near_duplicates", "removed_text"), iterable(m.get("tables").fieldNames()));
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> l = new ArrayList<>();
    it.forEachRemaining(l::add);
    return l;
  }
}
