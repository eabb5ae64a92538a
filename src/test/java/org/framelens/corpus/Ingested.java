package org.framelens.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.framelens.Runs.Settings;

/** The committed documents (by doc_id) and quarantine (by source, position) of one ingest run in the test session. */
record Ingested(List<Row> documents, List<Row> quarantine) {

  static Ingested run(Path input, Path output) {
    return run(Runs.settings(input.toString(), output.toString()));
  }

  static Ingested run(Settings s) {
    Runs.ingestOnly(s);
    return read(s.output);
  }

  static Ingested read(String output) {
    List<Row> d = new ArrayList<>(TestSpark.get().read().parquet(output + "/documents").collectAsList());
    d.sort(Comparator.comparing(r -> (String) r.getAs("doc_id")));
    List<Row> q = new ArrayList<>(TestSpark.get().read().parquet(output + "/quarantine").collectAsList());
    q.sort(Comparator.comparing((Row r) -> (String) r.getAs("source")).thenComparing(r -> (Long) r.getAs("position")));
    return new Ingested(d, q);
  }

  Row doc(String id) {
    return documents.stream().filter(r -> id.equals(r.getAs("doc_id"))).findFirst()
        .orElseThrow(() -> new AssertionError("no document " + id + " among " + docIds()));
  }

  List<String> docIds() {
    return documents.stream().map(r -> (String) r.getAs("doc_id")).toList();
  }

  static Map<String, String> extra(Row r) {
    return new TreeMap<>(r.<String, String>getJavaMap(r.fieldIndex("extra")));
  }

  static void write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String content) {
    write(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
