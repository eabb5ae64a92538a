package org.framelens.corpus;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.RecordReader;
import org.apache.hadoop.mapred.Reporter;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.sql.Row;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.framelens.Runs.Settings;
import scala.Tuple2;

/**
 * Property-based fuzzing of the corpus readers (issue 17): valid records, then mutated ones (cut short, stray quotes
 * and braces, invalid UTF-8, NULs, CR and CRLF, huge fields, wrong JSON types, glued and blank lines, duplicate ids,
 * files without manifest rows and rows without files, odd file names). Whatever the input, nothing may throw past
 * the reader, and every input record must come out once, as a candidate document or as a quarantine row with a
 * reason: for JSON Lines the non-blank lines, for CSV every byte of content in some record the reader reports, for a
 * text folder every file and every manifest row.
 *
 * <p>The JSON Lines reader is driven below Spark (Hadoop's own line reader over random splits of the file), so it
 * gets many tries; CSV and the text folder need Spark's readers, so each of their tries writes many files and reads
 * them in one job; a few tries run the whole ingest stage. Seeds are fixed, so a CI run is reproducible; jqwik prints
 * the seed and the smallest failing input it found. {@code -Dframelens.fuzz.factor=N} multiplies every property's
 * tries by N and draws a fresh seed (or {@code -Dframelens.fuzz.seed=S}), for a longer run (see the README).
 */
@AddLifecycleHook(ReaderFuzzTest.FuzzBudget.class)
class ReaderFuzzTest {
  private static final Set<String> READER_REASONS = Set.of("malformed_json", "invalid_utf8", "wrong_type",
      "unreadable_file", "malformed_csv", "missing_file", "no_manifest_row", "outside_input_root",
      "duplicate_id");
  private static final Set<String> ALL_REASONS = java.util.Arrays.stream(Raw.Reason.values()).map(r -> r.code)
      .collect(Collectors.toSet());
  /** The reader's own Jackson limits, plus: one line, one object, nothing after it. */
  private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final ObjectMapper JSON = new ObjectMapper();

  // =============================================================================================================
  // Mutations: byte-level damage applied to one record's bytes.

  /** What a mutation inserts: quotes, braces, separators, line breaks, invalid UTF-8, NUL, a BOM, JSON fragments. */
  private static final List<byte[]> INSERTS = List.of(b("\""), b("\"\""), b("{"), b("}"), b("["), b("]"), b(","),
      b("\\"), b("\u0000"), b("\r"), b("\r\n"), b("\n"), b("\n\n"), b("#"), b("\t"), b(":"), b("null"),
      b("\"text\": 1, "), b("}{\"id\": \"glued\"}"), b(" garbage"), bytes(0xC3, 0x28), bytes(0xFF), bytes(0x80),
      bytes(0xED, 0xA0, 0x80), bytes(0xEF, 0xBB, 0xBF), bytes(0xF0, 0x9F, 0x98));

  enum Op { TRUNCATE, INSERT, DELETE, REPEAT }

  /** {@code at} picks the position (modulo the length), {@code what} the insert or how many bytes go. */
  record Mutation(Op op, int at, int what) {
    byte[] apply(byte[] in) {
      int pos = in.length == 0 ? 0 : Math.floorMod(at, in.length + 1);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      switch (op) {
        case TRUNCATE -> out.write(in, 0, pos);
        case INSERT -> {
          out.write(in, 0, pos);
          out.writeBytes(INSERTS.get(Math.floorMod(what, INSERTS.size())));
          out.write(in, pos, in.length - pos);
        }
        case DELETE -> {
          int end = Math.min(in.length, pos + 1 + Math.floorMod(what, 8));
          out.write(in, 0, pos);
          out.write(in, end, in.length - end);
        }
        case REPEAT -> {   // a stretch of the record again: repeated quotes, fields, braces
          int end = Math.min(in.length, pos + 1 + Math.floorMod(what, 12));
          out.write(in, 0, end);
          out.write(in, pos, in.length - pos);
        }
      }
      return out.toByteArray();
    }
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> one = Combinators.combine(
        Arbitraries.frequency(Tuple.of(1, Op.TRUNCATE), Tuple.of(5, Op.INSERT), Tuple.of(2, Op.DELETE), Tuple.of(1, Op.REPEAT)),
        Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 1000)).as(Mutation::new);
    return Arbitraries.frequencyOf(Tuple.of(7, Arbitraries.just(List.of())), Tuple.of(3, one.list().ofMinSize(1).ofMaxSize(3)));
  }

  /** Words of any script, punctuation, markup, quotes, commas, tabs and newlines; never the marker letter Q. */
  static Arbitrary<String> words(int maxLength) {
    return Arbitraries.strings().withCharRange(' ', 'P').withCharRange('R', '~')
        .withChars("\n\n\t\r\"\"',,é中ßñ\u00a0\u2028<>&;{}[]").ofMaxLength(maxLength);
  }

  // =============================================================================================================
  // JSON Lines, below Spark: Hadoop's TextInputFormat over random splits, then the reader's Records iterator.

  /** One line: the record's fields, how its id, text and authors are typed, mutations, and what ends the line. */
  record JsonLine(String id, String outlet, String title, String text, int idType, int textType, int authorType,
      List<Mutation> mutations, int ending, int blanksAfter) {
    /** The record as bytes, then damaged; {@code huge} is the size of a huge text. */
    byte[] bytes(int huge, Random fill) {
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      switch (idType) {
        case 0 -> n.put("id", id);
        case 1 -> n.put("id", Math.abs((long) id.hashCode()));
        case 2 -> n.put("id", id.length() + 0.5);
        case 3 -> n.putNull("id");
        case 4 -> n.putObject("id").put("value", id);
        default -> { }   // no id
      }
      n.put("outlet", outlet);
      if (!title.isEmpty()) {
        n.put("title", title);
      }
      switch (textType) {
        case 0 -> n.put("text", text);
        case 1 -> n.put("text", text.length());
        case 2 -> n.putObject("text").put("body", text);
        case 3 -> n.putArray("text").add(text).add("second paragraph");
        case 4 -> n.put("text", !text.isEmpty());
        case 5 -> n.putNull("text");
        case 6 -> n.put("text", " \t ");
        case 7 -> n.put("text", text + "x".repeat(huge) + fill.nextInt());
        default -> { }   // no text
      }
      switch (authorType) {
        case 1 -> n.put("authors", "Ann Smith");
        case 2 -> n.putArray("authors").add("Ann Smith").add("Jones, Bob");
        case 3 -> n.putArray("authors").add("Ann Smith").add(7);
        case 4 -> n.putObject("authors").put("name", "Ann");
        default -> { }
      }
      n.put("label", title.length() % 3);
      byte[] line;
      try {
        line = JSON.writeValueAsBytes(n);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (Mutation m : mutations) {
        line = m.apply(line);
      }
      return line;
    }
  }

  record JsonFile(List<JsonLine> lines, boolean bom, boolean finalNewline, List<Integer> splits) {}

  @Provide
  Arbitrary<JsonFile> jsonFiles() {
    Arbitrary<JsonLine> line = Combinators.combine(
        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6), words(12), words(20), words(200),
        Arbitraries.frequency(Tuple.of(12, 0), Tuple.of(2, 1), Tuple.of(1, 2), Tuple.of(1, 3), Tuple.of(1, 4), Tuple.of(1, 5)),
        Arbitraries.frequency(Tuple.of(20, 0), Tuple.of(1, 1), Tuple.of(1, 2), Tuple.of(1, 3), Tuple.of(1, 4),
            Tuple.of(1, 5), Tuple.of(1, 6), Tuple.of(1, 7), Tuple.of(1, 8)),
        Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(2, 1), Tuple.of(2, 2), Tuple.of(1, 3), Tuple.of(1, 4)),
        mutations()).as((id, outlet, title, text, idType, textType, authorType, ms) ->
            new JsonLine(id, outlet, title, text, idType, textType, authorType, ms, 0, 0));
    Arbitrary<JsonLine> ended = Combinators.combine(line,
        Arbitraries.frequency(Tuple.of(12, 0), Tuple.of(3, 1), Tuple.of(1, 2), Tuple.of(1, 3)),
        Arbitraries.frequency(Tuple.of(10, 0), Tuple.of(2, 1), Tuple.of(1, 2)))
        .as((l, ending, blanks) -> new JsonLine(l.id, l.outlet, l.title, l.text, l.idType, l.textType, l.authorType,
            l.mutations, ending, blanks));
    return Combinators.combine(ended.list().ofMinSize(1).ofMaxSize(60), Arbitraries.of(false, false, false, true),
        Arbitraries.of(true, true, false), Arbitraries.integers().between(0, 100_000).list().ofMaxSize(3))
        .as(JsonFile::new);
  }

  /** The file's bytes: lines ended by \n, \r\n, \r or nothing (glued to the next), blank lines between. */
  static byte[] jsonBytes(JsonFile f, int huge, long seed) {
    Random fill = new Random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (f.bom) {
      out.writeBytes(bytes(0xEF, 0xBB, 0xBF));
    }
    String[] blanks = {"", " ", "\t", "  \t "};
    for (int i = 0; i < f.lines.size(); i++) {
      JsonLine l = f.lines.get(i);
      out.writeBytes(l.bytes(huge, fill));
      boolean last = i == f.lines.size() - 1;
      String end = switch (l.ending) {
        case 1 -> "\r\n";
        case 2 -> "\r";
        case 3 -> last ? "\n" : "";
        default -> "\n";
      };
      if (!last || f.finalNewline) {
        out.writeBytes(b(end));
      }
      for (int k = 0; k < l.blanksAfter && !last; k++) {
        out.writeBytes(b(blanks[Math.floorMod(i + k, blanks.length)] + "\n"));
      }
    }
    return out.toByteArray();
  }

  /** What the reader must make of one line: nothing (blank), a quarantine reason, or a candidate with id and text. */
  record Expected(long offset, String reason, String id, String text) {}

  /** The lines as Hadoop's LineRecordReader splits them (\n, \r\n or \r), judged by the documented rules. */
  static List<Expected> expectedJson(byte[] data) {
    List<Expected> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= data.length; i++) {
      boolean end = i == data.length;
      if (end || data[i] == '\n' || data[i] == '\r') {
        if (!(end && start == data.length)) {
          Expected e = judge(start, java.util.Arrays.copyOfRange(data, start, i));
          if (e != null) {
            out.add(e);
          }
        }
        if (!end && data[i] == '\r' && i + 1 < data.length && data[i + 1] == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static Expected judge(long offset, byte[] line) {
    String s;
    try {
      s = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(line)).toString();
    } catch (CharacterCodingException e) {
      return new Expected(offset, "invalid_utf8", null, null);
    }
    if (offset == 0 && s.startsWith("\uFEFF")) {
      s = s.substring(1);
    }
    if (s.isBlank()) {
      return null;
    }
    JsonNode n;
    try {
      n = STRICT.readTree(s);
    } catch (IOException e) {
      return new Expected(offset, "malformed_json", null, null);
    }
    if (n == null || !n.isObject()) {
      return new Expected(offset, "malformed_json", null, null);
    }
    JsonNode id = n.get("id");
    JsonNode text = n.get("text");
    JsonNode authors = n.get("authors");
    boolean idOk = absent(id) || id.isTextual() || id.isIntegralNumber();
    boolean textOk = absent(text) || text.isTextual();
    boolean authorsOk = absent(authors) || authors.isTextual()
        || authors.isArray() && java.util.stream.StreamSupport.stream(authors.spliterator(), false)
            .allMatch(x -> x.isTextual() || x.isNull());
    boolean scalarsOk = true;
    for (String f : List.of("outlet", "title", "url", "date", "published")) {
      JsonNode v = n.get(f);
      scalarsOk &= absent(v) || v.isValueNode();
    }
    String idText = absent(id) ? null : id.isTextual() ? id.textValue() : id.isIntegralNumber() ? id.bigIntegerValue().toString() : null;
    if (!idOk || !textOk || !authorsOk || !scalarsOk) {
      return new Expected(offset, "wrong_type", idText, null);
    }
    return new Expected(offset, null, idText, absent(text) ? null : text.textValue());
  }

  private static boolean absent(JsonNode v) {
    return v == null || v.isNull();
  }

  @Property(tries = 300, seed = "17", shrinking = ShrinkingMode.BOUNDED)
  void jsonLinesReaderKeepsEveryNonBlankLineOnce(@ForAll("jsonFiles") JsonFile file) throws IOException {
    byte[] data = jsonBytes(file, 70_000, file.lines.size());
    Path p = Files.createTempFile(tempDir(), "fuzz-", ".jsonl");
    Files.write(p, data);

    List<Row> rows = readJsonBelowSpark(p, data.length, file.splits);

    List<Expected> expected = expectedJson(data);
    Map<Long, Row> byOffset = new TreeMap<>();
    for (Row row : rows) {
      Row r = new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(
          scala.jdk.javaapi.CollectionConverters.asJava(row.toSeq()).toArray(), Raw.SCHEMA);
      assertNull(byOffset.put(r.getAs("position"), r), () -> "two rows for offset " + r.getAs("position") + ": " + rows);
      checkRow(r);
    }
    assertEquals(expected.stream().map(Expected::offset).toList(), new ArrayList<>(byOffset.keySet()),
        () -> "the reader's rows do not match the non-blank lines of " + show(data));
    for (Expected e : expected) {
      Row r = byOffset.get(e.offset);
      String what = "line at " + e.offset + ": " + r + " of " + show(data);
      assertEquals(e.reason, r.getAs("reason"), what);
      if (e.reason == null || e.reason.equals("wrong_type")) {
        assertEquals(e.id, r.getAs("doc_id"), what);
      }
      if (e.reason == null) {
        assertEquals(e.text, r.getAs("text"), what);
      }
    }
  }

  /** The rows the reader makes of a file cut into splits at the given points, one Records iterator per split. */
  static List<Row> readJsonBelowSpark(Path file, long length, List<Integer> cuts) throws IOException {
    JobConf conf = new JobConf();
    TextInputFormat format = new TextInputFormat();
    format.configure(conf);
    List<Long> bounds = new ArrayList<>(List.of(0L, length));
    cuts.forEach(c -> bounds.add(length == 0 ? 0 : Math.floorMod(c, length)));
    List<Long> sorted = bounds.stream().distinct().sorted().toList();
    Fields fields = new Fields(new IngestOptions());
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i + 1 < sorted.size() || i == 0 && sorted.size() == 1; i++) {
      long start = sorted.get(i);
      long end = sorted.size() == 1 ? length : sorted.get(i + 1);
      FileSplit split = new FileSplit(path, start, end - start, (String[]) null);
      RecordReader<LongWritable, Text> reader = format.getRecordReader(split, conf, Reporter.NULL);
      try {
        new JsonLinesSource.Records(split.getPath().toString(), lines(reader), fields).forEachRemaining(rows::add);
      } finally {
        reader.close();
      }
    }
    return rows;
  }

  private static Iterator<Tuple2<LongWritable, Text>> lines(RecordReader<LongWritable, Text> reader) {
    return new Iterator<>() {
      LongWritable key = reader.createKey();
      Text value = reader.createValue();
      Boolean ahead;

      @Override
      public boolean hasNext() {
        if (ahead == null) {
          try {
            ahead = reader.next(key, value);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        return ahead;
      }

      @Override
      public Tuple2<LongWritable, Text> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ahead = null;
        return new Tuple2<>(new LongWritable(key.get()), new Text(value));
      }
    };
  }

  // =============================================================================================================
  // CSV, through Spark's reader: many files per try, every byte of content in some record the reader reports.

  /** File names: plain, and with the characters globs and comma-separated path lists give a meaning to. */
  private static final String[] ODD_NAMES = {"part-%02d", "part %02d, [draft] {v2}", "pärt-%02d*?", "%02d %% #1"};

  private static final List<String> CSV_HEADER = List.of("id", "outlet", "date", "title", "text", "label");
  private static final Pattern MARKER = Pattern.compile("Q\\d+Q");

  /** One record: its field values (without markers), whether every field is quoted, damage, line ending. */
  record CsvRecord(List<String> values, boolean quoteAll, List<Mutation> mutations, int ending) {}

  record CsvFile(List<CsvRecord> records, boolean finalNewline, int hugeField, boolean bom) {}

  @Provide
  Arbitrary<List<CsvFile>> csvCorpora() {
    Arbitrary<CsvRecord> record = Combinators.combine(words(30).list().ofSize(CSV_HEADER.size()),
        Arbitraries.of(false, false, true), mutations(),
        Arbitraries.frequency(Tuple.of(8, 0), Tuple.of(3, 1), Tuple.of(1, 2), Tuple.of(1, 3))).as(CsvRecord::new);
    Arbitrary<CsvFile> file = Combinators.combine(record.list().ofMinSize(1).ofMaxSize(12), Arbitraries.of(true, true, false),
        Arbitraries.frequency(Tuple.of(12, -1), Tuple.of(1, 0), Tuple.of(1, 1), Tuple.of(1, 2)),
        Arbitraries.frequency(Tuple.of(12, false), Tuple.of(1, true)))
        .as(CsvFile::new);
    return file.list().ofMinSize(4).ofMaxSize(16);
  }

  /** The file's bytes and the markers (Q<n>Q, one in every field) it still holds once damaged. */
  record CsvBytes(byte[] data, Set<String> markers) {}

  static CsvBytes csvBytes(CsvFile f, int fileNo) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (f.bom) {
      out.writeBytes(bytes(0xEF, 0xBB, 0xBF));
    }
    out.writeBytes(b(String.join(",", CSV_HEADER) + "\n"));
    int header = out.size();
    for (int i = 0; i < f.records.size(); i++) {
      CsvRecord r = f.records.get(i);
      List<String> fields = new ArrayList<>();
      for (int k = 0; k < r.values.size(); k++) {
        String v = r.values.get(k);
        int cut = v.length() / 2;
        String value = v.substring(0, cut) + "Q" + (fileNo * 10_000 + i * 10 + k) + "Q" + v.substring(cut);
        if (k == f.hugeField && i == 0) {
          value = value + "y".repeat(200_000);
        }
        fields.add(csvField(value, r.quoteAll));
      }
      byte[] rec = b(String.join(",", fields));
      for (Mutation m : r.mutations) {
        rec = m.apply(rec);
      }
      out.writeBytes(rec);
      if (i < f.records.size() - 1 || f.finalNewline) {
        out.writeBytes(b(switch (r.ending) {
          case 1 -> "\r\n";
          case 2 -> "\n\n";   // a blank line between records
          case 3 -> "\n \n";
          default -> "\n";
        }));
      }
    }
    byte[] data = out.toByteArray();
    Set<String> markers = new HashSet<>();
    Matcher m = MARKER.matcher(new String(data, header, data.length - header, ISO_8859_1));
    while (m.find()) {
      markers.add(m.group());
    }
    return new CsvBytes(data, markers);
  }

  /** RFC 4180: quoted when it holds a comma, quote or line break (or always), quotes doubled. */
  static String csvField(String v, boolean always) {
    boolean quote = always || v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
    return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  @Property(tries = 4, seed = "29", shrinking = ShrinkingMode.OFF)
  void csvReaderAccountsForEveryByte(@ForAll("csvCorpora") List<CsvFile> corpus) throws IOException {
    Path dir = Files.createTempDirectory(tempDir(), "csv-");
    List<String> paths = new ArrayList<>();
    Map<String, Set<String>> markersByFile = new LinkedHashMap<>();
    for (int i = 0; i < corpus.size(); i++) {
      CsvBytes c = csvBytes(corpus.get(i), i);
      Path p = dir.resolve(String.format(ODD_NAMES[i % ODD_NAMES.length], i) + ".csv");
      Files.write(p, c.data);
      paths.add(InputFiles.qualify(TestSpark.get(), p.toString()));
      markersByFile.put(p.getFileName().toString(), c.markers);
    }

    List<Row> records = TableSource.csvRecords(TestSpark.get(), paths).collectAsList();
    List<Row> raw = TableSource.csv(TestSpark.get(), paths, new IngestOptions()).collectAsList();

    // Every marker left in a file's records is in a record the reader reports for that file: a value or the raw
    // text of a record that does not fit the header. No byte of content is in neither.
    Map<String, StringBuilder> reported = new HashMap<>();
    for (Row r : records) {
      String file = ((String) r.getAs("_source")).replaceAll(".*/", "");
      StringBuilder sb = reported.computeIfAbsent(file, k -> new StringBuilder());
      for (int i = 0; i < r.size(); i++) {
        sb.append('\u0001').append(r.get(i));
      }
    }
    markersByFile.forEach((file, markers) -> {
      String got = String.valueOf(reported.get(file));
      List<String> lost = markers.stream().filter(m -> !got.contains(m)).sorted().toList();
      assertEquals(List.of(), lost, () -> file + ": content in no record; the file: "
          + show(read(dir.resolve(file))) + "\nits records: " + got);
    });

    // The raw rows are the reader's records, one each, and every one the reader could not fit is quarantined.
    assertEquals(records.size(), raw.size());
    Map<String, Row> bySourceRow = new HashMap<>();
    for (Row r : records) {
      bySourceRow.put(r.getAs("_source") + "#" + r.getAs("_row"), r);
    }
    for (Row r : raw) {
      checkRow(r);
      Row rec = bySourceRow.remove(r.getAs("source") + "#" + r.getAs("position"));
      assertNotNull(rec, () -> "a raw row no record stands behind: " + r);
      if (rec.getAs(TableSource.CORRUPT) != null) {
        assertEquals("malformed_csv", r.getAs("reason"), r.toString());
      }
    }
  }

  // =============================================================================================================
  // A text folder: odd file names, damaged files, missing and duplicate manifest rows, a damaged manifest.

  /** A file: its name (with a subfolder or not), its content, how the manifest lists it. */
  record TextFile(String name, String sub, String ext, int content, int listed, String text) {}

  /** The corpus: its files, manifest rows naming no file inside, and damage to the manifest's rows. */
  record TextCorpus(List<TextFile> files, List<String> strayRows, List<Mutation> manifestDamage, boolean crlf,
      boolean bom) {}

  @Provide
  Arbitrary<List<TextCorpus>> textCorpora() {
    Arbitrary<String> name = Arbitraries.strings().alpha().numeric().withChars(" -()+&=',,é中ß%#[]{}*?").ofMinLength(1)
        .ofMaxLength(12).filter(n -> !n.isBlank() && !n.startsWith(" ") && !n.endsWith(" "));
    Arbitrary<TextFile> file = Combinators.combine(name,
        Arbitraries.of("", "", "", "sub/", "a b/", "deep/er/"),
        Arbitraries.frequency(Tuple.of(12, ".txt"), Tuple.of(1, ".md"), Tuple.of(1, ".json"), Tuple.of(1, "")),
        Arbitraries.frequency(Tuple.of(10, 0), Tuple.of(1, 1), Tuple.of(1, 2), Tuple.of(1, 3), Tuple.of(1, 4),
            Tuple.of(1, 5), Tuple.of(1, 6)),
        Arbitraries.frequency(Tuple.of(10, 0), Tuple.of(2, 1), Tuple.of(1, 2), Tuple.of(1, 3)),
        words(120)).as(TextFile::new);
    Arbitrary<String> stray = Arbitraries.of("missing.txt", "../outside.txt", "/etc/hostname", "", "sub/../../x.txt",
        "nope/gone.txt", "C:\\\\windows\\\\x.txt");
    Arbitrary<TextCorpus> corpus = Combinators.combine(
        file.list().ofMinSize(1).ofMaxSize(14).uniqueElements(f -> (f.sub + f.name + f.ext).toLowerCase()),
        stray.list().ofMaxSize(3), mutations(), Arbitraries.of(false, false, true), Arbitraries.of(false, false, false, true))
        .as(TextCorpus::new);
    return corpus.list().ofMinSize(2).ofMaxSize(4);
  }

  /** Writes the corpus; returns the files on disk (paths relative to the folder) besides the manifest. */
  static List<String> writeTextCorpus(TextCorpus c, Path root) throws IOException {
    Files.createDirectories(root);
    List<String> onDisk = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    for (TextFile f : c.files) {
      String rel = f.sub + f.name + f.ext;
      byte[] content = switch (f.content) {
        case 1 -> new byte[0];
        case 2 -> concat(b(f.text), bytes(0xC3, 0x28));
        case 3 -> b(f.text + "\u0000" + f.text);
        case 4 -> concat(bytes(0xEF, 0xBB, 0xBF), b("With a BOM. " + f.text));
        case 5 -> b(("Line one.\nLine two. " + f.text).replace("\n", "\r\n"));
        case 6 -> b(" \n\t ");
        default -> b("Article " + f.name + ". " + f.text);
      };
      Path p = root.resolve(rel);
      Files.createDirectories(p.getParent());
      Files.write(p, content);
      onDisk.add(rel);
      String listedAs = switch (f.listed) {
        case 2 -> "./" + f.sub + "/" + f.name + f.ext;   // the same file, written another way
        default -> rel;
      };
      if (f.listed != 1) {
        rows.add(csvField(listedAs, false) + ",Outlet " + (rel.length() % 3) + ",\"Ann, Smith\",2023-01-0" + (1 + rel.length() % 9) + ",Title");
      }
      if (f.listed == 3) {
        rows.add(csvField(rel, true) + ",Other,,,Twice");   // a second row naming the same file
      }
    }
    c.strayRows.forEach(r -> rows.add(csvField(r, false) + ",Outlet,,,Stray"));
    ByteArrayOutputStream manifest = new ByteArrayOutputStream();
    if (c.bom) {
      manifest.writeBytes(bytes(0xEF, 0xBB, 0xBF));
    }
    String nl = c.crlf ? "\r\n" : "\n";
    manifest.writeBytes(b("file,outlet,author,published,title" + nl));
    for (int i = 0; i < rows.size(); i++) {
      byte[] row = b(rows.get(i));
      if (i == rows.size() / 2) {
        for (Mutation m : c.manifestDamage) {
          row = m.apply(row);
        }
      }
      manifest.writeBytes(row);
      manifest.writeBytes(b(nl));
    }
    Files.write(root.resolve("manifest.csv"), manifest.toByteArray());
    return onDisk;
  }

  @Property(tries = 3, seed = "41", shrinking = ShrinkingMode.OFF)
  void textFolderAccountsForEveryFileAndManifestRow(@ForAll("textCorpora") List<TextCorpus> corpora) throws IOException {
    Path base = Files.createTempDirectory(tempDir(), "text-");
    Files.write(base.resolve("outside.txt"), b("OUTSIDE, never read"));
    for (int i = 0; i < corpora.size(); i++) {
      Path root = base.resolve("c" + i);
      List<String> onDisk = writeTextCorpus(corpora.get(i), root);
      IngestOptions o = new IngestOptions();
      o.input = root.toString();
      InputFiles input = InputFiles.resolve(TestSpark.get(), o);
      List<Row> raw = TextFolderSource.read(TestSpark.get(), input, o).collectAsList();
      checkTextFolder(root, onDisk, input, raw);
    }
  }

  /** What a text folder must give: one row per file (by its source), and the manifest rows to quarantine. */
  record TextExpected(Map<String, Integer> bySource, Set<Long> quarantinedRows, String manifest) {
    int records() {
      return bySource.size() + quarantinedRows.size();
    }
  }

  /** A file is read once, for the first row naming it; every other manifest row is quarantined (no file, or again). */
  static TextExpected expectedText(Path root, List<String> onDisk, String manifestPath) {
    String prefix = InputFiles.qualify(TestSpark.get(), root.toString()).replaceAll("/+$", "") + "/";
    List<Row> manifestRows = RowNumbers.add(TableSource.csvReader(TestSpark.get()).csv(manifestPath), "_row")
        .collectAsList();
    Set<String> named = new HashSet<>();
    Set<Long> unmatched = new HashSet<>();
    for (Row m : manifestRows) {   // in row order
      String rel = TextFolderSource.normalise(m.getAs("file"));
      if (rel == null || !onDisk.contains(rel) || !named.add(rel)) {
        unmatched.add(m.getAs("_row"));
      }
    }
    Map<String, Integer> bySource = new TreeMap<>();
    onDisk.forEach(rel -> bySource.put(prefix + rel, 1));
    return new TextExpected(bySource, unmatched, InputFiles.qualify(TestSpark.get(), manifestPath));
  }

  private static void checkTextFolder(Path root, List<String> onDisk, InputFiles input, List<Row> raw) {
    TextExpected expected = expectedText(root, onDisk, input.manifest);
    Map<String, Integer> bySource = new TreeMap<>();
    Set<Long> quarantinedRows = new HashSet<>();
    for (Row r : raw) {
      checkRow(r);
      String source = r.getAs("source");
      if (source.equals(expected.manifest)) {
        assertNotNull(r.getAs("reason"), r.toString());
        assertTrue(quarantinedRows.add(r.getAs("position")), () -> "manifest row twice: " + r);
      } else {
        bySource.merge(source, 1, Integer::sum);
      }
      assertFalse(String.valueOf((Object) r.getAs("text")).contains("OUTSIDE"), r.toString());
    }
    String show = "files " + onDisk + ", manifest:\n" + new String(read(root.resolve("manifest.csv")), UTF_8) + "\nrows: " + raw;
    assertEquals(expected.bySource, bySource, show);
    assertEquals(expected.quarantinedRows, quarantinedRows, show);
  }

  // =============================================================================================================
  // The whole ingest stage: documents + quarantine = the input records, every quarantine row with a known reason.

  @Property(tries = 1, seed = "53", shrinking = ShrinkingMode.OFF)
  void ingestOfFuzzedJsonLinesAccountsForEveryRecord(@ForAll("jsonFiles") JsonFile a, @ForAll("jsonFiles") JsonFile b)
      throws IOException {
    Path dir = Files.createTempDirectory(tempDir(), "ingest-json-");
    Files.createDirectories(dir.resolve("in"));
    int records = 0;
    for (JsonFile f : List.of(a, b)) {
      byte[] data = concat(jsonBytes(f, 1_200, 7), b("\n{\"id\": \"good-" + records + "\", \"text\": \"A good record.\"}\n"));
      Files.write(dir.resolve("in/" + String.format(ODD_NAMES[records % ODD_NAMES.length], records) + ".jsonl"), data,
          java.nio.file.StandardOpenOption.CREATE_NEW);
      records += expectedJson(data).size();
    }
    Settings s = Runs.settings(dir.resolve("in").toString(), dir.resolve("out").toString());
    s.ingest.maxDocumentChars = 1_000;   // the huge texts are too_large

    Ingested out = Ingested.run(s);

    assertAccounted(out, records);
  }

  @Property(tries = 1, seed = "67", shrinking = ShrinkingMode.OFF)
  void ingestOfAFuzzedTextFolderAccountsForEveryFileAndRow(@ForAll("textCorpora") List<TextCorpus> corpora)
      throws IOException {
    Path root = Files.createTempDirectory(tempDir(), "ingest-text-").resolve("corpus");
    TextCorpus c = corpora.get(0);
    List<TextFile> files = new ArrayList<>(c.files);
    files.add(new TextFile("good", "", ".txt", 0, 0, "A good article."));
    List<String> onDisk = writeTextCorpus(new TextCorpus(files, c.strayRows, c.manifestDamage, c.crlf, c.bom), root);

    Ingested out = Ingested.run(root, root.resolveSibling("out"));

    assertAccounted(out, expectedText(root, onDisk, root.resolve("manifest.csv").toString()).records());
  }

  private static void assertAccounted(Ingested out, int records) {
    assertEquals(records, out.documents().size() + out.quarantine().size(),
        () -> out.documents().size() + " documents + " + out.quarantine().size() + " quarantined: " + out.quarantine());
    Set<String> ids = new HashSet<>();
    for (Row d : out.documents()) {
      assertTrue(ids.add(d.getAs("doc_id")), () -> "doc_id twice: " + d);
      assertFalse(((String) d.getAs("text")).isBlank(), d.toString());
    }
    for (Row q : out.quarantine()) {
      assertTrue(ALL_REASONS.contains((String) q.getAs("reason")), q.toString());
      assertFalse(((String) q.getAs("detail")).isBlank(), q.toString());
    }
  }

  // =============================================================================================================
  // Helpers

  /** A reader's row: a candidate (no reason) or a quarantine row with a reader's reason, a detail and a source. */
  private static void checkRow(Row r) {
    assertNotNull(r.getAs("source"), r.toString());
    String reason = r.getAs("reason");
    if (reason != null) {
      assertTrue(READER_REASONS.contains(reason), () -> "unknown reason: " + r);
      String detail = r.getAs("detail");
      assertTrue(detail != null && !detail.isBlank(), () -> "no detail: " + r);
    }
  }

  private static Path tempDir;

  private static synchronized Path tempDir() {
    if (tempDir == null) {
      tempDir = TestSpark.tempDir("reader-fuzz-");
    }
    return tempDir;
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bytes for a failure message: printable as they are, the rest escaped, long inputs cut. */
  private static String show(byte[] data) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(data.length, 4000); i++) {
      int c = data[i] & 0xFF;
      sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : c == '\n' ? "\\n\n" : String.format("\\x%02x", c));
    }
    return sb + (data.length > 4000 ? "... (" + data.length + " bytes)" : "");
  }

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /**
   * CI runs each property with its fixed seed and tries; {@code -Dframelens.fuzz.factor=N} multiplies the tries and
   * draws a fresh seed (printed by jqwik), {@code -Dframelens.fuzz.seed=S} replays one.
   */
  public static final class FuzzBudget implements AroundPropertyHook {
    @Override
    public net.jqwik.api.lifecycle.PropagationMode propagateTo() {   // registered on the class, for its properties
      return net.jqwik.api.lifecycle.PropagationMode.DIRECT_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
      String factor = System.getProperty("framelens.fuzz.factor");
      String seed = System.getProperty("framelens.fuzz.seed");
      if (factor != null && !factor.isBlank()) {
        int f = Integer.parseInt(factor.strip());
        context.attributes().tries().ifPresent(t -> context.attributes().setTries(t * f));
        context.attributes().setSeed(seed != null && !seed.isBlank() ? seed.strip()
            : String.valueOf(new java.security.SecureRandom().nextLong()));
      } else if (seed != null && !seed.isBlank()) {
        context.attributes().setSeed(seed.strip());
      }
      return property.execute();
    }
  }
}
