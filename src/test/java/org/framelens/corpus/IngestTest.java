package org.framelens.corpus;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.framelens.pipeline.FramelensException;
import org.framelens.Runs.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The ingest stage on small hand-made inputs: every input record ends up in documents or in quarantine (with the
 * documented reason code), and cleaning (markup, boilerplate, duplicates, outlet aliases, dates) gives exact values.
 */
class IngestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Path> TEMP_DIRS = new ArrayList<>();

  // ---------------------------------------------------------------------------------------------------------
  // JSON Lines

  @Test
  void jsonLinesBadRecordsAreQuarantinedWithTheirReason() {
    Path dir = tempDir();
    String valid = json("id", "a1", "outlet", "Daily", "text", "The first a1 is kept.");
    String malformed = "{\"id\": \"a2\", \"text\": ";
    byte[] badUtf8 = concat("{\"id\": \"a3\", \"text\": \"bad ".getBytes(UTF_8), new byte[] {(byte) 0xC3, 0x28},
        "\"}".getBytes(UTF_8));
    String blankText = json("id", "a4", "text", "   ");
    String noId = json("outlet", "Daily", "text", "A record without id.");
    String duplicate = json("id", "a1", "text", "The second a1 is quarantined.");
    List<byte[]> lines = List.of(bytes(valid), bytes(malformed), badUtf8, bytes(blankText), bytes(""), bytes(noId),
        bytes(duplicate));
    write(dir.resolve("in/records.jsonl"), joinLines(lines));

    Output out = ingest(dir.resolve("in"), dir.resolve("out"));

    assertEquals(1, out.documents.size(), "documents: " + out.documents);
    assertEquals(5, out.quarantine.size(), "quarantine: " + out.quarantine);   // 6 records: the blank line is none
    Row kept = out.doc("a1");
    assertEquals("The first a1 is kept.", kept.getAs("text"));
    assertEquals(0L, (long) kept.getAs("position"));

    Map<Long, Row> byOffset = out.quarantine.stream()
        .collect(Collectors.toMap(r -> (Long) r.getAs("position"), r -> r));
    long[] offsets = lineOffsets(lines);
    assertReason(byOffset.get(offsets[1]), "malformed_json", null);
    assertReason(byOffset.get(offsets[2]), "invalid_utf8", null);
    assertReason(byOffset.get(offsets[3]), "empty_text", "a4");
    assertReason(byOffset.get(offsets[5]), "missing_id", null);
    Row dup = byOffset.get(offsets[6]);
    assertReason(dup, "duplicate_id", "a1");
    assertTrue(((String) dup.getAs("detail")).contains("position 0"), (String) dup.getAs("detail"));
    for (Row q : out.quarantine) {
      assertTrue(((String) q.getAs("source")).endsWith("records.jsonl"), q.toString());
    }
  }

  /*
   * One folder, one run: a gzip JSON Lines file cut off in the middle, a zero-byte .jsonl and a good one. The gzip
   * holds 40 records; the ones the cut leaves whole are counted by decompressing the same bytes with the JDK.
   */
  private static Output filesRun;
  private static int wholeGzipRecords;

  private static synchronized Output filesRun() {
    if (filesRun == null) {
      Path dir = tempDir();
      Random random = new Random(7);
      List<byte[]> lines = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        lines.add(bytes(json("id", String.format("g%02d", i), "outlet", "Zip", "text", "Record " + i + ": " + words(random, 60))));
      }
      byte[] gz = gzip(joinLines(lines));
      byte[] cut = Arrays.copyOf(gz, gz.length / 2);
      write(dir.resolve("in/part.jsonl.gz"), cut);
      wholeGzipRecords = completeLinesIn(cut);
      assertTrue(wholeGzipRecords > 0 && wholeGzipRecords < lines.size(), "the cut should fall inside the records");
      write(dir.resolve("in/empty.jsonl"), new byte[0]);
      write(dir.resolve("in/good.jsonl"), joinLines(List.of(
          bytes(json("id", "e1", "outlet", "O", "text", "One.")), bytes(json("id", "e2", "outlet", "O", "text", "Two.")))));
      filesRun = ingest(dir.resolve("in"), dir.resolve("out"));
    }
    return filesRun;
  }

  @Test
  void truncatedGzipKeepsTheRecordsBeforeTheCutAndReportsTheFileOnce() {
    Output out = filesRun();

    List<String> expectedIds = new ArrayList<>();
    for (int i = 0; i < wholeGzipRecords; i++) {
      expectedIds.add(String.format("g%02d", i));
    }
    assertEquals(expectedIds, out.docIdsFrom("part.jsonl.gz"));
    assertEquals(1, out.quarantine.size(), "quarantine: " + out.quarantine);
    Row q = out.quarantine.get(0);
    assertReason(q, "unreadable_file", null);
    assertTrue(((String) q.getAs("source")).endsWith("part.jsonl.gz"), q.toString());
  }

  @Test
  void emptyJsonLinesFileBesideAGoodOneIsHarmless() {
    Output out = filesRun();

    assertEquals(List.of("e1", "e2"), out.docIdsFrom("good.jsonl"));
    assertEquals(List.of(), out.docIdsFrom("empty.jsonl"));
    assertEquals(wholeGzipRecords + 2, out.documents.size());
    for (Row q : out.quarantine) {
      assertFalse(((String) q.getAs("source")).endsWith("empty.jsonl"), q.toString());
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // A folder of text files with a manifest

  @Test
  void textFolderMatchesFilesWithManifestRows() {
    Path dir = tempDir();
    Path corpus = dir.resolve("corpus");
    String secret = "OUTSIDE THE INPUT ROOT must never be read";
    write(dir.resolve("outside.txt"), bytes(secret));
    write(corpus.resolve("manifest.csv"), bytes(String.join("\n",
        "file,outlet,author,published,title,notes",
        "alpha.txt,Daily Planet,Lois Lane,2023-01-03,\"Hello, \"\"World\"\"\",\"a note, with a comma and \"\"quotes\"\"\"",
        "beta.txt,,Anon,,Untitled,no outlet",
        "sub/gamma.txt,Daily Planet,,,,in a subfolder",
        "missing.txt,Daily Planet,,,,the file does not exist",
        "../outside.txt,Daily Planet,,,,leaves the folder",
        dir.resolve("outside.txt").toAbsolutePath() + ",Daily Planet,,,,absolute",
        "bad.txt,Daily Planet,,,,not UTF-8",
        "")));
    write(corpus.resolve("alpha.txt"), bytes("Alpha text.\n\nSecond paragraph."));
    write(corpus.resolve("beta.txt"), bytes("Beta text."));
    write(corpus.resolve("sub/gamma.txt"), bytes("Gamma text."));
    write(corpus.resolve("orphan.txt"), bytes("A file nobody listed."));
    write(corpus.resolve("bad.txt"), concat(bytes("bad "), new byte[] {(byte) 0xC3, 0x28}, bytes(" bytes")));

    Output out = ingest(corpus, dir.resolve("out"));

    assertEquals(List.of("alpha", "beta", "sub/gamma"), out.docIds());
    Row alpha = out.doc("alpha");
    assertEquals("Daily Planet", alpha.getAs("outlet"));
    assertEquals("Lois Lane", alpha.getAs("author"));
    assertEquals("Hello, \"World\"", alpha.getAs("title"));
    assertEquals(Date.valueOf("2023-01-03"), alpha.getAs("published"));
    assertEquals("Alpha text.\n\nSecond paragraph.", alpha.getAs("text"));
    assertEquals(Map.of("notes", "a note, with a comma and \"quotes\""), extra(alpha));
    assertEquals(0L, (long) alpha.getAs("position"));

    Row beta = out.doc("beta");
    assertEquals("(unknown)", beta.getAs("outlet"));
    assertNull(beta.getAs("outlet_raw"));
    assertNull(beta.getAs("published"));

    Map<String, List<String>> reasons = new TreeMap<>();
    for (Row q : out.quarantine) {
      assertFalse(((String) q.getAs("detail")).isBlank(), q.toString());
      reasons.computeIfAbsent(q.getAs("reason"), k -> new ArrayList<>()).add(q.getAs("detail"));
    }
    assertEquals(Set.of("no_manifest_row", "missing_file", "outside_input_root", "invalid_utf8"), reasons.keySet());
    assertEquals(1, reasons.get("no_manifest_row").size());
    assertTrue(reasons.get("no_manifest_row").get(0).contains("orphan.txt"));
    assertEquals(1, reasons.get("missing_file").size());
    assertTrue(reasons.get("missing_file").get(0).contains("missing.txt"));
    assertEquals(2, reasons.get("outside_input_root").size());
    assertEquals(1, reasons.get("invalid_utf8").size());
    assertEquals(8, out.documents.size() + out.quarantine.size());   // 5 files + 3 rows naming no file inside

    for (Row r : out.documents) {
      assertFalse(((String) r.getAs("text")).contains("OUTSIDE"), r.toString());
    }
    for (Row q : out.quarantine) {
      assertFalse(String.valueOf((Object) q.getAs("record")).contains("OUTSIDE"), q.toString());
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // One bad input each: every input record is a document or a quarantine row with its reason, counted by hand.

  @Test
  void badInputTruncatedGzip() {
    Path dir = tempDir();
    List<byte[]> lines = new ArrayList<>();
    Random random = new Random(11);
    for (int i = 0; i < 30; i++) {
      lines.add(bytes(json("id", "t" + i, "outlet", "Zip", "text", words(random, 80))));
    }
    byte[] cut = Arrays.copyOf(gzip(joinLines(lines)), 3000);
    write(dir.resolve("in/cut.jsonl.gz"), cut);
    write(dir.resolve("in/good.jsonl"), joinLines(List.of(bytes(json("id", "ok", "outlet", "O", "text", "Fine.")))));

    Output out = ingest(dir.resolve("in"), dir.resolve("out"));

    // The records the cut leaves whole, the good one, and one row for the cut file.
    assertAccounted(out, completeLinesIn(cut) + 1 + 1, Map.of("unreadable_file", 1L));
  }

  @Test
  void badInputZeroByteFile() {
    Path corpus = tempDir().resolve("corpus");
    write(corpus.resolve("manifest.csv"), bytes("file,outlet\nempty.txt,A\ngood.txt,A\n"));
    write(corpus.resolve("empty.txt"), new byte[0]);
    write(corpus.resolve("good.txt"), bytes("Some text."));
    write(corpus.resolve("nothing.jsonl"), new byte[0]);   // not a text file of the corpus: listed, no row

    Output out = ingest(corpus, corpus.resolveSibling("out"));

    assertAccounted(out, 3, Map.of("empty_text", 1L, "no_manifest_row", 1L));
    assertEquals(List.of("good"), out.docIds());
  }

  @Test
  void badInputFiftyMegabyteDocument() {
    Path dir = tempDir();
    String huge = "word ".repeat(10 * 1024 * 1024);   // 50 MiB
    write(dir.resolve("in/big.jsonl"), joinLines(List.of(bytes(json("id", "big", "outlet", "O", "text", huge)),
        bytes(json("id", "small", "outlet", "O", "text", "A normal article.")))));

    Output out = ingest(dir.resolve("in"), dir.resolve("out"));

    assertAccounted(out, 2, Map.of("too_large", 1L));
    Row q = out.quarantine.get(0);
    assertEquals("big", q.getAs("doc_id"));
    assertTrue(((String) q.getAs("detail")).contains(String.valueOf(huge.length())), (String) q.getAs("detail"));
    assertTrue(((String) q.getAs("record")).length() <= 1000, "the quarantine keeps an excerpt, not the text");
  }

  @Test
  void badInputInvalidUtf8() {
    Path corpus = tempDir().resolve("corpus");
    write(corpus.resolve("manifest.csv"), bytes("file,outlet\nlatin1.txt,A\ngood.txt,A\n"));
    write(corpus.resolve("latin1.txt"), "Jos\u00e9 Williams".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    write(corpus.resolve("good.txt"), bytes("Jos\u00e9 Williams."));

    Output out = ingest(corpus, corpus.resolveSibling("out"));

    assertAccounted(out, 2, Map.of("invalid_utf8", 1L));
    assertEquals(List.of("good"), out.docIds());
  }

  @Test
  void badInputManifestRowOutsideTheInputRoot() {
    Path dir = tempDir();
    Path corpus = dir.resolve("corpus");
    write(dir.resolve("secret.txt"), bytes("NEVER READ"));
    write(corpus.resolve("manifest.csv"), bytes("file,outlet\n../secret.txt,A\n" + dir.resolve("secret.txt") + ",A\ngood.txt,A\n"));
    write(corpus.resolve("good.txt"), bytes("Inside."));

    Output out = ingest(corpus, dir.resolve("out"));

    assertAccounted(out, 3, Map.of("outside_input_root", 2L));
    assertNeverRead(out, "NEVER READ");
  }

  @Test
  void badInputManifestRowWithoutItsFile() {
    Path corpus = tempDir().resolve("corpus");
    write(corpus.resolve("manifest.csv"), bytes("file,outlet\ngone.txt,A\ngood.txt,A\n"));
    write(corpus.resolve("good.txt"), bytes("Here."));

    Output out = ingest(corpus, corpus.resolveSibling("out"));

    assertAccounted(out, 2, Map.of("missing_file", 1L));
    assertTrue(((String) out.quarantine.get(0).getAs("detail")).contains("gone.txt"));
  }

  @Test
  void badInputFileWithoutItsManifestRow() {
    Path corpus = tempDir().resolve("corpus");
    write(corpus.resolve("manifest.csv"), bytes("file,outlet\ngood.txt,A\n"));
    write(corpus.resolve("good.txt"), bytes("Listed."));
    write(corpus.resolve("stray/unlisted.txt"), bytes("Not listed."));

    Output out = ingest(corpus, corpus.resolveSibling("out"));

    assertAccounted(out, 2, Map.of("no_manifest_row", 1L));
    assertTrue(((String) out.quarantine.get(0).getAs("detail")).contains("stray/unlisted.txt"));
  }

  @Test
  void linksThatLeaveTheInputRootAreQuarantinedUnread() throws IOException {
    Path dir = tempDir();
    Path corpus = dir.resolve("corpus");
    write(dir.resolve("elsewhere/secret.txt"), bytes("NEVER READ"));
    write(dir.resolve("elsewhere/more.txt"), bytes("NEVER READ either"));
    write(corpus.resolve("manifest.csv"), bytes("file,outlet\nlink.txt,A\ngood.txt,A\nalias.txt,B\n"));
    write(corpus.resolve("good.txt"), bytes("Inside the folder."));
    Files.createSymbolicLink(corpus.resolve("link.txt"), dir.resolve("elsewhere/secret.txt"));
    Files.createSymbolicLink(corpus.resolve("linked-dir"), dir.resolve("elsewhere"));   // 2 files, no rows
    Files.createSymbolicLink(corpus.resolve("alias.txt"), corpus.resolve("good.txt"));   // stays inside

    Output out = ingest(corpus, dir.resolve("out"));

    assertAccounted(out, 5, Map.of("outside_input_root", 3L));
    assertEquals(List.of("alias", "good"), out.docIds());
    assertNeverRead(out, "NEVER READ");
  }

  /** documents + quarantine = the input records counted by the test, and every quarantine row says why. */
  private static void assertAccounted(Output out, int inputRecords, Map<String, Long> reasons) {
    assertEquals(inputRecords, out.documents.size() + out.quarantine.size(),
        "documents " + out.docIds() + " + quarantine " + out.quarantine);
    assertEquals(reasons, out.quarantine.stream().collect(Collectors.groupingBy(r -> (String) r.getAs("reason"),
        TreeMap::new, Collectors.counting())));
    for (Row q : out.quarantine) {
      assertFalse(((String) q.getAs("detail")).isBlank(), q.toString());
    }
  }

  private static void assertNeverRead(Output out, String marker) {
    out.documents.forEach(r -> assertFalse(((String) r.getAs("text")).contains(marker), r.toString()));
    out.quarantine.forEach(q -> assertFalse(String.valueOf((Object) q.getAs("record")).contains(marker), q.toString()));
  }

  // ---------------------------------------------------------------------------------------------------------
  // CSV and Parquet

  @Test
  void csvRowWithMoreFieldsThanTheHeaderIsQuarantined() {
    Path dir = tempDir();
    write(dir.resolve("in/rows.csv"), bytes(String.join("\n",
        "id,outlet,text",
        "r1,A,Good text.",
        "r2,B,too,many,fields",
        "r3,C,Also good.",
        "")));

    Output out = ingest(dir.resolve("in"), dir.resolve("out"));

    assertEquals(List.of("r1", "r3"), out.docIds());
    assertEquals(1, out.quarantine.size(), "quarantine: " + out.quarantine);
    Row q = out.quarantine.get(0);
    assertReason(q, "malformed_csv", "r2");
    assertEquals("r2,B,too,many,fields", q.getAs("record"));
  }

  @Test
  void csvWithMultiLineTextLabelsAndDates() {
    Path dir = tempDir();
    write(dir.resolve("in/articles.csv"), bytes(String.join("\n",
        "id,outlet,date,title,text,url,label",
        "c1,Outlet A,2022-12-07,First,\"Line one.",
        "Line two, with a comma.\",http://a.example/1,pos",
        "c2,Outlet A,\"January 3, 2023\",Second,\"She said \"\"no\"\".\",http://a.example/2,neg",
        "c3,Outlet B,not a date,Third,Plain text.,http://b.example/3,neutral",
        "")));

    Output out = ingest(dir.resolve("in"), dir.resolve("out"));

    assertEquals(List.of("c1", "c2", "c3"), out.docIds());
    assertEquals(0, out.quarantine.size(), "quarantine: " + out.quarantine);
    Row c1 = out.doc("c1");
    assertEquals("Line one.\nLine two, with a comma.", c1.getAs("text"));
    assertEquals(Date.valueOf("2022-12-07"), c1.getAs("published"));
    assertEquals("http://a.example/1", c1.getAs("url"));
    assertEquals("First", c1.getAs("title"));
    assertEquals(Map.of("label", "pos"), extra(c1));
    Row c2 = out.doc("c2");
    assertEquals("She said \"no\".", c2.getAs("text"));
    assertEquals(Date.valueOf("2023-01-03"), c2.getAs("published"));
    assertEquals(Map.of("label", "neg"), extra(c2));
    Row c3 = out.doc("c3");
    assertNull(c3.getAs("published"));
    assertEquals(Map.of("label", "neutral", "published_raw", "not a date"), extra(c3));
    assertEquals(List.of(0L, 1L, 2L), out.documents.stream().map(r -> (Long) r.getAs("position")).toList());
  }

  @Test
  void parquetWithAnIntegerIdColumn() {
    Path dir = tempDir();
    StructType schema = new StructType()
        .add("id", DataTypes.IntegerType, true)
        .add("outlet", DataTypes.StringType, true)
        .add("text", DataTypes.StringType, true)
        .add("topic", DataTypes.StringType, true);
    List<Row> rows = List.of(
        RowFactory.create(7, "P1", "Seven is a number.", "numbers"),
        RowFactory.create(42, "P2", "Forty-two is the answer.", "answers"),
        RowFactory.create(null, "P2", "This row has no id.", "none"));
    TestSpark.get().createDataFrame(rows, schema).coalesce(1).write()
        .parquet(dir.resolve("in/table.parquet").toString());

    Output out = ingest(dir.resolve("in/table.parquet"), dir.resolve("out"));

    assertEquals(List.of("42", "7"), out.docIds());
    assertEquals("Seven is a number.", out.doc("7").getAs("text"));
    assertEquals("P2", out.doc("42").getAs("outlet"));
    assertEquals(Map.of("topic", "answers"), extra(out.doc("42")));
    assertEquals(1, out.quarantine.size(), "quarantine: " + out.quarantine);
    assertReason(out.quarantine.get(0), "missing_id", null);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Cleaning

  /*
   * One JSON Lines corpus, one run, for the cleaning tests below: markup, the boilerplate of a 6-document outlet
   * (and of a 2-document one, below --boilerplate-min-docs 5), exact duplicates, and outlet aliases.
   */
  private static final String FOOTER = "Copyright 2022 Example News. All rights reserved.";
  private static final String SOMETIMES = "Read more on our website.";
  private static final String SMALL_FOOTER = "Subscribe to the Small Gazette.";
  private static Output cleaningRun;

  private static synchronized Output cleaningRun() {
    if (cleaningRun == null) {
      Path dir = tempDir();
      List<Map<String, String>> records = new ArrayList<>();
      records.add(record("h1", "Markup Times", "<p>A &amp; B</p><u>x</u>"));
      records.add(record("h2", "Markup Times", "Plain & simple, no markup."));
      for (int i = 1; i <= 6; i++) {
        records.add(record("ex" + i, "Example News", exampleBody(i) + "\n" + FOOTER));
      }
      records.add(record("sm1", "Small Gazette", "First small story.\n" + SMALL_FOOTER));
      records.add(record("sm2", "Small Gazette", "Second small story.\n" + SMALL_FOOTER));
      records.add(record("d2", "Dup Daily", "Same  text,\tdifferent   spacing.\n"));
      records.add(record("d1", "Dup Daily", " Same text, different spacing."));
      records.add(record("d3", "Dup Daily", "Another text."));
      records.add(record("f1", "Fox Online News", "One."));
      records.add(record("f2", "fox news (online)", "Two."));
      records.add(record("f3", "Fox News", "Three."));
      records.add(record("f4", "  Fox  Online   News ", "Four."));
      records.add(record("f5", "CNN", "Five."));
      writeJsonLines(dir.resolve("in/news.jsonl"), records);
      write(dir.resolve("aliases.csv"), bytes("alias,outlet\nFox Online News,Fox News\nFox News (Online),Fox News\n"));
      Settings s = Runs.settings(dir.resolve("in").toString(), dir.resolve("out").toString());
      s.ingest.outletAliases = dir.resolve("aliases.csv").toString();
      Output out = ingest(s);
      assertEquals(18, out.documents.size(), "documents: " + out.docIds());
      assertEquals(0, out.quarantine.size(), "quarantine: " + out.quarantine);
      cleaningRun = out;
    }
    return cleaningRun;
  }

  /** Example News story i; stories 1 and 2 also carry a line that recurs in only 2 of the 6. */
  private static String exampleBody(int i) {
    return "Story number " + i + " is about something else." + (i <= 2 ? "\n" + SOMETIMES : "");
  }

  @Test
  void htmlTagsAreRemovedAndEntitiesDecoded() {
    Output out = cleaningRun();

    Row h1 = out.doc("h1");
    String text = h1.getAs("text");
    assertFalse(text.contains("<") || text.contains(">") || text.contains("&amp;"), text);
    assertEquals(List.of("A & B", "x"), Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList());
    assertTrue((int) h1.getAs("markup_chars") > 0);
    Row h2 = out.doc("h2");
    assertEquals("Plain & simple, no markup.", h2.getAs("text"));
    assertEquals(0, (int) h2.getAs("markup_chars"));
  }

  @Test
  void boilerplateLinesOfAnOutletAreRemoved() {
    Output out = cleaningRun();

    for (int i = 1; i <= 6; i++) {
      Row d = out.doc("ex" + i);
      assertEquals(exampleBody(i), d.getAs("text"));   // the footer is gone, the 2-of-6 line stays
      assertEquals(1, (int) d.getAs("boilerplate_lines"), "ex" + i);
    }
    for (String id : List.of("sm1", "sm2")) {
      Row d = out.doc(id);
      assertTrue(((String) d.getAs("text")).endsWith("\n" + SMALL_FOOTER), (String) d.getAs("text"));
      assertEquals(0, (int) d.getAs("boilerplate_lines"), id);
    }
  }

  @Test
  void exactDuplicateTextsPointToTheSmallestDocId() {
    Output out = cleaningRun();

    Row d1 = out.doc("d1");
    Row d2 = out.doc("d2");
    Row d3 = out.doc("d3");
    assertNull(d1.getAs("duplicate_of"));
    assertEquals("d1", d2.getAs("duplicate_of"));
    assertNull(d3.getAs("duplicate_of"));
    assertEquals((String) d1.getAs("content_hash"), d2.getAs("content_hash"));
    assertNotEquals((String) d1.getAs("content_hash"), d3.getAs("content_hash"));
    assertEquals(64, ((String) d1.getAs("content_hash")).length());
    long marked = out.documents.stream().filter(r -> r.getAs("duplicate_of") != null).count();
    assertEquals(1, marked);
  }

  @Test
  void outletAliasesMergeNamesAndKeepTheRawOne() {
    Output out = cleaningRun();

    Map<String, String> outlet = new TreeMap<>();
    Map<String, String> raw = new TreeMap<>();
    for (Row d : out.documents) {
      String id = d.getAs("doc_id");
      if (id.startsWith("f")) {
        outlet.put(id, d.getAs("outlet"));
        raw.put(id, d.getAs("outlet_raw"));
      }
    }
    assertEquals(Map.of("f1", "Fox News", "f2", "Fox News", "f3", "Fox News", "f4", "Fox News", "f5", "CNN"), outlet);
    assertEquals(Map.of("f1", "Fox Online News", "f2", "fox news (online)", "f3", "Fox News",
        "f4", "  Fox  Online   News ", "f5", "CNN"), raw);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Failure and the sample corpus

  @Test
  void anInputWithoutAnyUsableRecordFailsAndWritesNothing() throws IOException {
    Path dir = tempDir();
    write(dir.resolve("in/bad.jsonl"), joinLines(List.of(
        bytes("not json at all"), bytes(json("id", "x1", "text", "")), bytes(json("text", "no id")))));
    Path output = dir.resolve("out");

    FramelensException e = assertThrows(FramelensException.class,
        () -> Runs.ingestOnly(Runs.settings(dir.resolve("in").toString(), output.toString())));

    assertTrue(e.getMessage().contains("no usable documents"), e.getMessage());
    assertFalse(Files.exists(output.resolve("documents")), "documents was committed");
    assertFalse(Files.exists(output.resolve("quarantine")), "quarantine was committed");
    assertFalse(Files.exists(output.resolve("run_manifest.json")), "run_manifest.json was written");
    if (Files.exists(output)) {
      try (Stream<Path> left = Files.list(output)) {
        assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList());
      }
    }
  }

  @Test
  void sampleCorpus() throws IOException {
    Path sample = Path.of("data/sample").toAbsolutePath();
    Map<String, String> manifestOutlets = new TreeMap<>();
    for (String line : Files.readAllLines(sample.resolve("manifest.csv")).subList(1, 6)) {
      String[] f = line.split(",", -1);
      manifestOutlets.put(f[0].replaceFirst("\\.txt$", ""), f[1].isEmpty() ? "(unknown)" : f[1]);
    }

    Output out = ingest(sample, tempDir().resolve("out"));

    assertEquals(5, out.documents.size());
    assertEquals(0, out.quarantine.size(), "quarantine: " + out.quarantine);
    Map<String, String> outlets = new TreeMap<>();
    out.documents.forEach(d -> outlets.put(d.getAs("doc_id"), d.getAs("outlet")));
    assertEquals(manifestOutlets, outlets);
    assertEquals("(unknown)", out.doc("002_a3635686e2604eb3").getAs("outlet"));
    assertNull(out.doc("002_a3635686e2604eb3").getAs("outlet_raw"));
    assertEquals(Date.valueOf("2023-01-03"), out.doc("000_e52651ad80518f9c").getAs("published"));
    assertEquals(Date.valueOf("2022-12-28"), out.doc("003_0862602344f6d9a1").getAs("published"));
    for (Row d : out.documents) {
      String id = d.getAs("doc_id");
      if (!id.startsWith("000_") && !id.startsWith("003_")) {
        assertNull(d.getAs("published"), id);
      }
      assertTrue(extra(d).containsKey("notes"), id);
      assertFalse(((String) d.getAs("text")).contains("<u>"), id);
      assertTrue((int) d.getAs("n_tokens") > 0, id);
      assertTrue((int) d.getAs("n_sentences") > 0, id);
    }
    assertTrue((int) out.doc("001_ba87d23f3dac9bbb").getAs("markup_chars") > 0);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Helpers

  /** The committed documents (sorted by doc_id) and quarantine (sorted by source, position) of one ingest run. */
  private record Output(List<Row> documents, List<Row> quarantine) {
    Row doc(String id) {
      return documents.stream().filter(r -> id.equals(r.getAs("doc_id"))).findFirst()
          .orElseThrow(() -> new AssertionError("no document " + id + " among " + docIds()));
    }

    List<String> docIds() {
      return documents.stream().map(r -> (String) r.getAs("doc_id")).toList();
    }

    List<String> docIdsFrom(String fileName) {
      return documents.stream().filter(r -> ((String) r.getAs("source")).endsWith("/" + fileName))
          .map(r -> (String) r.getAs("doc_id")).toList();
    }
  }

  private static Output ingest(Path input, Path output) {
    return ingest(Runs.settings(input.toString(), output.toString()));
  }

  private static Output ingest(Settings s) {
    Runs.ingestOnly(s);
    Dataset<Row> docs = TestSpark.get().read().parquet(s.output + "/documents");
    Dataset<Row> quarantine = TestSpark.get().read().parquet(s.output + "/quarantine");
    List<Row> d = new ArrayList<>(docs.collectAsList());
    d.sort(Comparator.comparing(r -> (String) r.getAs("doc_id")));
    List<Row> q = new ArrayList<>(quarantine.collectAsList());
    q.sort(Comparator.comparing((Row r) -> (String) r.getAs("source")).thenComparing(r -> (Long) r.getAs("position")));
    return new Output(d, q);
  }

  private static void assertReason(Row q, String reason, String docId) {
    assertNotNull(q, "no quarantine row for the expected " + reason + " record");
    assertEquals(reason, q.getAs("reason"), q.toString());
    assertEquals(docId, q.getAs("doc_id"), q.toString());
    String detail = q.getAs("detail");
    assertTrue(detail != null && !detail.isBlank(), "empty detail: " + q);
  }

  private static Map<String, String> extra(Row r) {
    return new TreeMap<>(r.<String, String>getJavaMap(r.fieldIndex("extra")));
  }

  private static Map<String, String> record(String id, String outlet, String text) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("outlet", outlet);
    m.put("text", text);
    return m;
  }

  /** A JSON object from alternating names and values. */
  private static String json(String... namesAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    try {
      return JSON.writeValueAsString(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeJsonLines(Path file, List<Map<String, String>> records) {
    List<byte[]> lines = new ArrayList<>();
    for (Map<String, String> r : records) {
      try {
        lines.add(JSON.writeValueAsBytes(r));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    write(file, joinLines(lines));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Each line followed by '\n'. */
  private static byte[] joinLines(List<byte[]> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] l : lines) {
      out.writeBytes(l);
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** The byte offset at which each line starts in {@link #joinLines}. */
  private static long[] lineOffsets(List<byte[]> lines) {
    long[] offsets = new long[lines.size()];
    long pos = 0;
    for (int i = 0; i < lines.size(); i++) {
      offsets[i] = pos;
      pos += lines.get(i).length + 1;
    }
    return offsets;
  }

  private static String words(Random random, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int len = 3 + random.nextInt(6);
      for (int j = 0; j < len; j++) {
        sb.append((char) ('a' + random.nextInt(26)));
      }
      sb.append(i + 1 < n ? " " : ".");
    }
    return sb.toString();
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** How many whole lines ('\n'-terminated) the JDK can decompress from a truncated gzip. */
  private static int completeLinesIn(byte[] truncatedGzip) {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(truncatedGzip))) {
      byte[] buf = new byte[1];   // one byte at a time: everything inflatable comes out before the EOF error
      for (int n; (n = in.read(buf)) != -1; ) {
        plain.write(buf, 0, n);
      }
      throw new AssertionError("the gzip stream is not truncated");
    } catch (IOException expected) {
      // java.io.EOFException: Unexpected end of ZLIB input stream
    }
    int lines = 0;
    for (byte b : plain.toByteArray()) {
      if (b == '\n') {
        lines++;
      }
    }
    return lines;
  }

  private static void write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized Path tempDir() {
    Path p = TestSpark.tempDir("framelens-ingest-");
    TEMP_DIRS.add(p);
    return p;
  }

  @AfterAll
  static void deleteTempDirs() throws IOException {
    for (Path dir : TEMP_DIRS) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
