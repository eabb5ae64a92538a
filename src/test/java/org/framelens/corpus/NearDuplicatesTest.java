package org.framelens.corpus;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Planted copies: a wire story run by outlet A, edited by B a day later, copied exactly by C (undated) and updated by
 * A itself; a story of A that shares 8 of the wire story's 20 sentences (not a copy); two exact copies of a text too
 * short for one shingle. The expected Jaccard values are computed here from the texts' own 5-word shingle sets
 * (plain string sets, not MinHash or hashed vectors), and the policy's outcome is written out by hand.
 */
class NearDuplicatesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> WIRE = sentences(new Random(1), 20);
  private static final String EDITED_LAST = "Officials later declined every further comment about the agreement tonight.";
  private static final String UPDATE = "Update: negotiators resumed their talks on friday morning in geneva again.";
  private static Path counted;
  private static Path dropped;
  private static Map<String, String> texts;

  @BeforeAll
  static void run() {
    texts = new LinkedHashMap<>();
    texts.put("a1", String.join(" ", WIRE));
    List<String> edited = new ArrayList<>(WIRE);
    edited.set(19, EDITED_LAST);
    texts.put("b1", String.join(" ", edited));
    texts.put("c1", String.join(" ", WIRE));
    texts.put("a2", String.join(" ", WIRE) + "\n\n" + UPDATE);
    List<String> other = new ArrayList<>(WIRE.subList(0, 8));
    other.addAll(sentences(new Random(2), 12));
    texts.put("u1", String.join(" ", other));
    texts.put("s1", "Short note.");
    texts.put("s2", "Short note.");
    texts.put("x1", String.join(" ", sentences(new Random(3), 20)));
    String[][] meta = {{"a1", "A", "2020-03-01"}, {"b1", "B", "2020-03-02"}, {"c1", "C", null}, {"a2", "A", "2020-03-03"},
        {"u1", "A", "2020-03-01"}, {"s1", "D", "2020-03-05"}, {"s2", "D", "2020-03-05"}, {"x1", "E", "2020-03-01"}};
    StringBuilder jsonl = new StringBuilder();
    for (String[] m : meta) {
      Map<String, String> r = new LinkedHashMap<>();
      r.put("id", m[0]);
      r.put("outlet", m[1]);
      if (m[2] != null) {
        r.put("date", m[2]);
      }
      r.put("text", texts.get(m[0]));
      try {
        jsonl.append(JSON.writeValueAsString(r)).append('\n');
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    Path dir = TestSpark.tempDir("near-dup");
    Ingested.write(dir.resolve("in/copies.jsonl"), jsonl.toString());
    counted = dir.resolve("counted");
    Runs.ingestOnly(Runs.settings(dir.resolve("in").toString(), counted.toString()));
    dropped = dir.resolve("dropped");
    Runs.Settings s = Runs.settings(dir.resolve("in").toString(), dropped.toString());
    s.ingest.dropSyndicated = true;
    Runs.ingestOnly(s);
  }

  @Test
  void copiesAcrossOutletsCountForEachOutletAndWithinAnOutletOnlyTheEarliest() {
    Ingested out = Ingested.read(counted.toString());
    Map<String, String> expectedDuplicateOf = new LinkedHashMap<>();
    for (String id : List.of("a1", "b1", "c1", "u1", "s1", "x1")) {
      expectedDuplicateOf.put(id, null);
    }
    expectedDuplicateOf.put("a2", "a1");   // A's update of its own earlier story
    expectedDuplicateOf.put("s2", "s1");   // same day: the smaller doc_id is the earlier
    for (Map.Entry<String, String> e : expectedDuplicateOf.entrySet()) {
      assertEquals(e.getValue(), out.doc(e.getKey()).getAs("duplicate_of"), e.getKey());
    }
    for (String id : List.of("a1", "b1", "c1", "a2")) {
      Row d = out.doc(id);
      assertEquals("a1", d.getAs("near_duplicate_group"), id);
      assertTrue((Boolean) d.getAs("syndicated"), id);
      assertEquals(List.of("A", "B", "C"), outlets(d), id);
    }
    for (String id : List.of("s1", "s2")) {
      Row d = out.doc(id);
      assertEquals("s1", d.getAs("near_duplicate_group"), id);
      assertFalse((Boolean) d.getAs("syndicated"), id);
      assertEquals(1.0, (double) d.getAs("near_duplicate_jaccard"), 0, id);
    }
    for (String id : List.of("u1", "x1")) {
      Row d = out.doc(id);
      assertNull(d.getAs("near_duplicate_group"), id);
      assertNull(d.getAs("near_duplicate_jaccard"), id);
      assertFalse((Boolean) d.getAs("syndicated"), id);
    }
  }

  /**
   * The content hash is the digest Spark's own functions gave before it was computed in Java (sha2 of the text with
   * "\n\n" then "\n" replaced), on line breaks in runs of one to three, letters outside Latin-1 and an emoji.
   */
  @Test
  void theContentHashIsSparksDigestOfTheFlattenedText() throws Exception {
    List<String> samples = List.of("", "one line", "a\nb", "a\n\nb", "a\n\n\nb\n", "\n\nx", "Ça va \u2014 \uD83D\uDE00 done.\n\nNext");
    List<Row> rows = TestSpark.get().createDataset(samples, org.apache.spark.sql.Encoders.STRING()).toDF("text")
        .select(org.apache.spark.sql.functions.col("text"), org.apache.spark.sql.functions.expr(
            "sha2(translate(replace(text, '\\n\\n', '\\n'), '\\n', ' '), 256)")).collectAsList();
    assertEquals(samples.size(), rows.size());
    for (Row r : rows) {
      assertEquals(r.getString(1), NearDuplicates.CONTENT_HASH.call(r.getString(0)), r.getString(0));
    }
    assertNull(NearDuplicates.CONTENT_HASH.call(null));
  }

  @Test
  void theJaccardToTheEarliestIsTheShingleSetsJaccard() {
    Ingested out = Ingested.read(counted.toString());
    double b1 = jaccard(texts.get("b1"), texts.get("a1"));
    double a2 = jaccard(texts.get("a2"), texts.get("a1"));
    assertTrue(b1 >= 0.8 && b1 < 0.95, "the edited copy is a near-duplicate: " + b1);
    assertTrue(jaccard(texts.get("u1"), texts.get("a1")) < 0.5, "the story sharing 8 sentences is not");
    assertEquals(b1, (double) out.doc("b1").getAs("near_duplicate_jaccard"), 1e-12);
    assertEquals(a2, (double) out.doc("a2").getAs("near_duplicate_jaccard"), 1e-12);
    assertEquals(1.0, (double) out.doc("a1").getAs("near_duplicate_jaccard"), 0);
    assertEquals(1.0, (double) out.doc("c1").getAs("near_duplicate_jaccard"), 0);
  }

  @Test
  void theGroupsTableSaysWhoRanTheTextFirstAndHowManyCopiesCount() {
    Map<String, Row> groups = new LinkedHashMap<>();
    for (Row r : TestSpark.get().read().parquet(counted.resolve("near_duplicates").toString()).collectAsList()) {
      groups.put(r.getAs("group_id"), r);
    }
    assertEquals(Set.of("a1", "s1"), groups.keySet());
    Row wire = groups.get("a1");
    assertEquals("A", wire.getAs("first_outlet"));
    assertEquals(Date.valueOf("2020-03-01"), wire.getAs("first_published"));
    assertEquals(Date.valueOf("2020-03-03"), wire.getAs("last_published"));
    assertEquals(4L, (long) wire.getAs("documents"));
    assertEquals(3L, (long) wire.getAs("distinct_texts"));   // a1 and c1 are one text
    assertEquals(3L, (long) wire.getAs("counted"));          // A's first, B's and C's
    assertEquals(3, (int) wire.getAs("n_outlets"));
    assertEquals(Math.min(jaccard(texts.get("b1"), texts.get("a1")), jaccard(texts.get("a2"), texts.get("a1"))),
        (double) wire.getAs("min_jaccard"), 1e-12);
    Row shortCopies = groups.get("s1");
    assertEquals(2L, (long) shortCopies.getAs("documents"));
    assertEquals(1L, (long) shortCopies.getAs("counted"));
    assertEquals(1, (int) shortCopies.getAs("n_outlets"));
  }

  @Test
  void theManifestReportsEachOutletsWireShare() throws IOException {
    JsonNode c = JSON.readTree(counted.resolve("run_manifest.json").toFile()).path("counts");
    assertEquals(2, c.path("near_duplicate_groups").asLong());
    assertEquals(6, c.path("near_duplicate_documents").asLong());
    assertEquals(1, c.path("syndicated_groups").asLong());
    assertEquals(2, c.path("duplicates").asLong());   // a2 and s2
    JsonNode wire = c.path("wire_share");
    assertEquals(Set.of("A", "B", "C"), fieldNames(wire));
    assertEquals(2, wire.path("A").path("documents").asLong());   // a1 and u1 count for A; a2 does not
    assertEquals(1, wire.path("A").path("syndicated").asLong());
    assertEquals(0.5, wire.path("A").path("share").asDouble(), 0);
    assertEquals(1.0, wire.path("B").path("share").asDouble(), 0);
  }

  @Test
  void dropSyndicatedCountsOnlyTheEarliestCopy() {
    Ingested out = Ingested.read(dropped.toString());
    for (String id : List.of("b1", "c1", "a2")) {
      assertEquals("a1", out.doc(id).getAs("duplicate_of"), id);
    }
    assertNull(out.doc("a1").getAs("duplicate_of"));
    assertEquals("s1", out.doc("s2").getAs("duplicate_of"));
    assertNull(out.doc("u1").getAs("duplicate_of"));
  }

  /**
   * Without a near pair or two equal texts no group can form, and ingest skips the group search: the documents
   * still say they have no copy, the groups table is empty, the manifest counts none. Two equal texts and nothing
   * else near still make their group.
   */
  @Test
  void withoutCopiesThereIsNoGroupAndTwoEqualTextsAloneStillMakeOne() throws IOException {
    Path dir = TestSpark.tempDir("near-dup-none");
    String distinct = String.join("\n", record("n1", "A", String.join(" ", sentences(new Random(4), 20))),
        record("n2", "B", String.join(" ", sentences(new Random(5), 20))), record("n3", "B", "Short note."));
    Ingested.write(dir.resolve("none/in.jsonl"), distinct + "\n");
    Ingested none = Ingested.run(dir.resolve("none"), dir.resolve("none-out"));
    for (String id : List.of("n1", "n2", "n3")) {
      Row d = none.doc(id);
      for (String c : List.of("near_duplicate_group", "near_duplicate_jaccard", "near_duplicate_outlets", "duplicate_of")) {
        assertNull(d.getAs(c), id + " " + c);
      }
      assertEquals(false, d.getAs("syndicated"), id);
    }
    assertEquals(0, TestSpark.get().read().parquet(dir.resolve("none-out/near_duplicates").toString()).count());
    JsonNode c = JSON.readTree(dir.resolve("none-out/run_manifest.json").toFile()).path("counts");
    assertEquals(0, c.path("near_duplicate_groups").asLong());
    assertEquals(0, c.path("duplicates").asLong());
    assertEquals(Set.of(), fieldNames(c.path("wire_share")));

    Ingested.write(dir.resolve("equal/in.jsonl"), distinct + "\n" + record("n4", "C", "Short note.") + "\n");
    Ingested equal = Ingested.run(dir.resolve("equal"), dir.resolve("equal-out"));
    assertEquals("n3", equal.doc("n4").getAs("near_duplicate_group"));
    assertNull(equal.doc("n4").getAs("duplicate_of"));   // C's only copy counts for C
    assertEquals(true, equal.doc("n3").getAs("syndicated"));   // B's text, run by C too
    assertNull(equal.doc("n1").getAs("near_duplicate_group"));
    JsonNode e = JSON.readTree(dir.resolve("equal-out/run_manifest.json").toFile()).path("counts");
    assertEquals(1, e.path("near_duplicate_groups").asLong());
    assertEquals(Set.of("B", "C"), fieldNames(e.path("wire_share")));
  }

  private static String record(String id, String outlet, String text) {
    try {
      return JSON.writeValueAsString(Map.of("id", id, "outlet", outlet, "text", text));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The documented shingles: runs of 5 lower-cased words, a word being letters and digits. */
  private static double jaccard(String a, String b) {
    Set<String> x = shingles(a);
    Set<String> y = shingles(b);
    Set<String> common = new HashSet<>(x);
    common.retainAll(y);
    return common.size() / (double) (x.size() + y.size() - common.size());
  }

  private static Set<String> shingles(String text) {
    List<String> w = Arrays.stream(text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(s -> !s.isEmpty()).toList();
    Set<String> s = new HashSet<>();
    for (int i = 0; i + 5 <= w.size(); i++) {
      s.add(String.join(" ", w.subList(i, i + 5)));
    }
    return s;
  }

  /** n sentences of ten words each, drawn from a fixed vocabulary. */
  private static List<String> sentences(Random r, int n) {
    String[] vocab = ("talks agreement minister border trade tariffs council vote budget reform court ruling appeal "
        + "senate house bill protest police city mayor governor election campaign poll voters union strike workers "
        + "wages company market shares bank rates inflation report study scientists climate storm flood rescue "
        + "hospital doctors patients vaccine schools teachers students parents river bridge road train airport "
        + "flights delays weather winter summer spring autumn farmers crops prices fuel energy power plant grid")
        .split(" ");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < 10; k++) {
        String w = vocab[r.nextInt(vocab.length)];
        b.append(k == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : " " + w);
      }
      out.add(b.append('.').toString());
    }
    return out;
  }

  private static List<String> outlets(Row d) {
    return d.getList(d.fieldIndex("near_duplicate_outlets"));
  }

  private static Set<String> fieldNames(JsonNode n) {
    Set<String> s = new HashSet<>();
    n.fieldNames().forEachRemaining(s::add);
    return s;
  }
}
