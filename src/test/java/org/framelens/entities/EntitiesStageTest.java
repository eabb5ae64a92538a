package org.framelens.entities;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.framelens.corpus.IngestStage;
import org.framelens.pipeline.FramelensException;
import org.framelens.pipeline.Pipeline;
import org.framelens.Runs.Settings;
import org.framelens.pipeline.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The entities stage in Spark on six short documents from two outlets: corpus-wide alias resolution, the entity
 * tables, co-occurrence counts and scores recomputed here from the mentions with plain Java, and the network files
 * parsed back with the JDK's XML parser.
 */
class EntitiesStageTest {
  static final String A = "Daily A";
  static final String B = "B & <Co> \"News\"";   // an outlet name that needs escaping in XML and CSV
  static final Map<String, String[]> DOCS = new LinkedHashMap<>();

  static {
    DOCS.put("a1", new String[] {A, "Pedro Castillo met Dina Boluarte in Lima.\n\nCastillo later left Lima. Keiko Fujimori spoke.\n\nFujimori said nothing."});
    // An emoji (two UTF-16 code units, one code point) before mentions: the report's lines still cut at their offsets.
    DOCS.put("a2", new String[] {A, "Alberto Fujimori ruled Peru for ten years \uD83C\uDDF5. Fujimori was later jailed in Lima."});
    DOCS.put("b1", new String[] {B, "Castillo met Boluarte in Lima. Fujimori stayed at home."});
    DOCS.put("b2", new String[] {B, "Protesters denounced coup President Dina Boluarte in Lima.\n\nPedro Castillo stayed in Peru."});
    // Middle initials: Joseph R. Biden is Joseph Biden; George W. and George H. W. Bush both shrink to George Bush.
    DOCS.put("a3", new String[] {A, "Joseph R. Biden met George W. Bush in Washington."});
    DOCS.put("a4", new String[] {A, "Joseph Biden spoke. George H. W. Bush and George Bush listened."});
  }

  static Path out;

  static Pipeline.Result run(Path input, Path output, String actors, int maxEdges) {
    Settings s = Runs.settings(input.toString(), output.toString());
    s.entities.actors = actors;
    s.entities.graphMaxEdges = maxEdges;
    return Runs.run(s, "run", List.of("ingest", "entities", "report"), java.util.Set.of());
  }

  static Path corpus() throws Exception {
    Path dir = TestSpark.tempDir("entities-in");
    ObjectMapper json = new ObjectMapper();
    StringBuilder lines = new StringBuilder();
    DOCS.forEach((id, d) -> {
      try {
        lines.append(json.writeValueAsString(Map.of("id", id, "outlet", d[0], "text", d[1]))).append('\n');
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Path f = dir.resolve("docs.jsonl");
    Files.writeString(f, lines);
    return f;
  }

  @BeforeAll
  static void setUp() throws Exception {
    out = TestSpark.tempDir("entities-out");
    run(corpus(), out, null, 3);
  }

  static Dataset<Row> table(String name) {
    return TestSpark.get().read().parquet(out.resolve(name).toString());
  }

  static List<Row> mentions() {
    return table("mentions").orderBy("doc_id", "start").collectAsList();
  }

  static Row mention(String doc, String surface) {
    List<Row> l = mentions().stream().filter(r -> r.getAs("doc_id").equals(doc) && r.getAs("surface").equals(surface)).toList();
    assertEquals(1, l.size(), doc + " " + surface + " in " + mentions());
    return l.get(0);
  }

  @Test
  void shortFormsAreResolvedAcrossTheCorpusUnlessAmbiguous() {
    assertEquals("per:pedro_castillo", mention("b1", "Castillo").getAs("entity_id"));
    assertEquals("corpus_alias", mention("b1", "Castillo").getAs("resolution"));
    assertEquals("per:dina_boluarte", mention("b1", "Boluarte").getAs("entity_id"));
    // Fujimori stood for Keiko in a1 and for Alberto in a2: in b1, which names neither, it stays ambiguous.
    assertEquals("per:keiko_fujimori", mention("a1", "Fujimori").getAs("entity_id"));
    assertEquals("document_alias", mention("a1", "Fujimori").getAs("resolution"));
    assertEquals("per:alberto_fujimori", mention("a2", "Fujimori").getAs("entity_id"));
    assertNull(mention("b1", "Fujimori").getAs("entity_id"));
    assertEquals("ambiguous", mention("b1", "Fujimori").getAs("resolution"));
    assertEquals("PERSON", mention("b1", "Fujimori").getAs("type"));
  }

  @Test
  void aNameWithMiddleInitialsJoinsTheSameNameWithoutThemUnlessTwoShrinkToIt() {
    assertEquals("per:joseph_biden", mention("a3", "Joseph R. Biden").getAs("entity_id"));
    assertEquals("corpus_variant", mention("a3", "Joseph R. Biden").getAs("resolution"));
    assertEquals("per:joseph_biden", mention("a4", "Joseph Biden").getAs("entity_id"));
    assertEquals("exact", mention("a4", "Joseph Biden").getAs("resolution"));
    assertEquals("per:george_w_bush", mention("a3", "George W. Bush").getAs("entity_id"));
    assertEquals("per:george_h_w_bush", mention("a4", "George H. W. Bush").getAs("entity_id"));
    assertEquals("per:george_bush", mention("a4", "George Bush").getAs("entity_id"));
    Row biden = table("entities").filter("entity_id = 'per:joseph_biden'").first();
    assertEquals("Joseph Biden", biden.getAs("canonical_name"));
    assertEquals(List.of("Joseph Biden", "Joseph R. Biden"), biden.getList(biden.fieldIndex("aliases")));
    assertEquals(2L, (long) biden.getAs("mentions"));
  }

  @Test
  void entitiesOutletsAndDescriptors() {
    Map<String, Row> e = table("entities").collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("entity_id"), r -> r));
    Row castillo = e.get("per:pedro_castillo");
    assertEquals("Pedro Castillo", castillo.getAs("canonical_name"));
    assertEquals("PERSON", castillo.getAs("type"));
    assertEquals(List.of("Castillo", "Pedro Castillo"), castillo.getList(castillo.fieldIndex("aliases")));   // 2 and 2: alphabetical
    assertEquals(4L, (long) castillo.getAs("mentions"));
    assertEquals(3L, (long) castillo.getAs("documents"));
    assertEquals(2L, (long) castillo.getAs("outlets"));
    assertEquals("LOCATION", e.get("loc:lima").getAs("type"));
    assertEquals(5L, (long) e.get("loc:lima").getAs("mentions"));

    Map<String, Double> shares = new HashMap<>();
    for (Row r : table("entity_outlets").collectAsList()) {
      shares.merge(r.getAs("outlet"), r.getAs("share"), Double::sum);
    }
    assertEquals(Set.of(A, B), shares.keySet());
    shares.values().forEach(s -> assertEquals(1.0, s, 1e-9));
    long bMentions = mentions().stream().filter(r -> r.getAs("outlet").equals(B) && r.getAs("entity_id") != null).count();
    Row lima = table("entity_outlets").filter("outlet = 'B & <Co> \"News\"' and entity_id = 'loc:lima'").first();
    assertEquals(2L / (double) bMentions, (double) lima.getAs("share"), 1e-12);

    List<Row> d = table("descriptors").filter("entity_id = 'per:dina_boluarte'").collectAsList();
    assertEquals(1, d.size(), d.toString());
    assertEquals(B, d.get(0).getAs("outlet"));
    assertEquals("coup president", d.get(0).getAs("descriptor"));
    assertEquals(1L, (long) d.get(0).getAs("count"));
    assertEquals("Protesters denounced coup President Dina Boluarte in Lima.", d.get(0).getAs("example"));
    // The mention that carries the label, and only it, lists it in mentions.descriptors.
    Map<String, List<String>> labelled = new TreeMap<>();
    for (Row r : mentions()) {
      List<String> l = r.getList(r.fieldIndex("descriptors"));
      if (!l.isEmpty()) {
        labelled.put(r.getAs("doc_id") + " " + r.getAs("entity_id"), l);
      }
    }
    assertEquals(Map.of("b2 per:dina_boluarte", List.of("coup president")), labelled);
  }

  /** The drill-down data inlined in the run's report/index.html: key to lines. */
  static com.fasterxml.jackson.databind.JsonNode reportLines() throws Exception {
    return org.framelens.ReportData.kwic(out);
  }

  static List<String> line(com.fasterxml.jackson.databind.JsonNode l) {
    return List.of(l.path("left").asText(), l.path("match").asText(), l.path("right").asText(), l.path("outlet").asText());
  }

  @Test
  void theReportOpensAnActorsMentionsAndALabelsSentencesInTheirParagraphs() throws Exception {
    var kwic = reportLines();
    // Daily A names Pedro Castillo twice, both in a1: in the first paragraph, and as "Castillo" opening the second.
    var castillo = kwic.path(MentionLines.actorKey(A, "Pedro Castillo"));
    assertEquals(2, castillo.size(), kwic.toString());
    assertEquals(List.of("", "Pedro Castillo", " met Dina Boluarte in Lima.", A), line(castillo.get(0)));
    assertEquals(List.of("", "Castillo", " later left Lima. Keiko Fujimori spoke.", A), line(castillo.get(1)));
    // B calls Dina Boluarte a coup president once: the label is marked with the name.
    var label = kwic.path(MentionLines.labelKey(B, "Dina Boluarte", "coup president"));
    assertEquals(1, label.size(), kwic.toString());
    assertEquals(List.of("Protesters denounced ", "coup President Dina Boluarte", " in Lima.", B), line(label.get(0)));
    // Lima: five mentions, Daily A's three are in a1 (twice) and a2, earliest doc_id and offset first.
    var lima = kwic.path(MentionLines.actorKey(A, "Lima"));
    assertEquals(3, lima.size(), lima.toString());
    assertEquals(List.of("Pedro Castillo met Dina Boluarte in ", "Castillo later left ",
        "Alberto Fujimori ruled Peru for ten years \uD83C\uDDF5. Fujimori was later jailed in "),
        List.of(lima.get(0).path("left").asText(), lima.get(1).path("left").asText(), lima.get(2).path("left").asText()));
  }

  @Test
  void aMentionLineIsCutAtWordsWithinItsWindowAndMarksTheLabelNearestTheName() {
    String before = "word ".repeat(30) + "the former president ";
    var l = MentionLines.line(before, "Pedro Castillo", ", a teacher, " + "and more ".repeat(20), false, false, "former president", A, null, "t");
    assertEquals("former president Pedro Castillo", l.get("match"));
    String left = (String) l.get("left");
    assertTrue(left.startsWith("\u2026word ") && left.endsWith("the "), left);
    assertTrue(left.length() <= MentionLines.WINDOW + 1, left);
    String right = (String) l.get("right");
    // 80 characters after the name end inside the eighth "and more ": cut after its "and".
    assertTrue(right.startsWith(", a teacher, and more") && right.endsWith("more and\u2026"), right);
    // An appositive after the name: the mark runs from the name to the label.
    var after = MentionLines.line("Yesterday ", "Boluarte", ", the vice-president,\nspoke.", false, false, "the vice-president", A, "2022-12-07", null);
    assertEquals(List.of("Yesterday ", "Boluarte, the vice-president", ", spoke."),
        List.of(after.get("left"), after.get("match"), after.get("right")));
    // The same context read as cut mid-paragraph (the read span ended inside a word): the part-word goes, an ellipsis says so.
    var cut = MentionLines.line("erday ", "Boluarte", ", the vice-president, spo", true, true, "the vice-president", A, null, null);
    assertEquals(List.of("\u2026", "Boluarte, the vice-president", ",\u2026"), List.of(cut.get("left"), cut.get("match"), cut.get("right")));
    assertEquals("2022-12-07", after.get("published"));
  }

  /**
   * One document's mentions (outlet, entity_id, start, end, surface) as MentionLines.contexts reads them; its rows
   * hold before, after, before_cut and after_cut at 7 to 10.
   */
  static List<Row> contexts(String text, int[]... mentions) {
    var m = new org.apache.spark.sql.types.StructType().add("outlet", "string").add("entity_id", "string")
        .add("start", "int").add("end", "int").add("surface", "string");
    var schema = new org.apache.spark.sql.types.StructType().add("doc_id", "string")
        .add("m", org.apache.spark.sql.types.DataTypes.createArrayType(m)).add("text", "string").add("published", "date")
        .add("title", "string");
    List<Row> rows = new ArrayList<>();
    for (int[] x : mentions) {
      rows.add(org.apache.spark.sql.RowFactory.create(A, "e", x[0], x[1], "s"));
    }
    Row d = new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(
        new Object[] {"d", scala.jdk.javaapi.CollectionConverters.asScala(rows).toSeq(), text, null, null}, schema);
    List<Row> out = new ArrayList<>();
    MentionLines.contexts(d).forEachRemaining(out::add);
    return out;
  }

  @Test
  void aMentionsContextStopsAtItsParagraphAndNeverHalvesAnEmoji() {
    String emoji = "\uD83C\uDDF5";
    // 200 characters before "Lima" begin with the emoji's second half: it goes, and the context is cut.
    String text = "x".repeat(10) + emoji + "y".repeat(199) + "Lima" + " z".repeat(150) + "\n\nNext.";
    int at = text.indexOf("Lima");
    Row r = contexts(text, new int[] {at, at + 4}).get(0);
    assertEquals(List.of("y".repeat(199), " z".repeat(100), true, true),
        List.of(r.get(7), r.get(8), r.get(9), r.get(10)));
    // Within 200 characters of a paragraph's edge: the context ends there, not cut; the text's end is no cut either.
    String two = "First paragraph.\n\nPeru " + "w".repeat(100);
    Row p = contexts(two, new int[] {two.indexOf("Peru"), two.indexOf("Peru") + 4}).get(0);
    assertEquals(List.of("", " " + "w".repeat(100), false, false),
        List.of(p.get(7), p.get(8), p.get(9), p.get(10)));
    // Offsets past the text (a mentions table of another run's documents) are taken as its end, not an exception.
    Row past = contexts("Short.", new int[] {40, 44}).get(0);
    assertEquals(List.of("Short.", ""), List.of(past.get(7), past.get(8)));
  }

  record Key(String window, String scope, String a, String b) {}

  @Test
  void cooccurrenceCountsAndScoresMatchAnIndependentCount() {
    // Windows per document, counted here: sentences by CoreNLP with the stage's settings, paragraphs by blank lines.
    Map<String, int[]> windows = new HashMap<>();
    DOCS.forEach((id, d) -> {
      Annotation a = Nlp.annotate(d[1]);
      windows.put(id, new int[] {a.get(CoreAnnotations.SentencesAnnotation.class).size(), d[1].split("\n\n").length, 1});
    });
    assertArrayEquals(new int[] {4, 3, 1}, windows.get("a1"), "hand count: four sentences in three paragraphs");

    // Entities per window, from the mentions table.
    Map<String, Map<String, Set<String>>> sets = new HashMap<>();   // window -> (doc|w) -> entities
    Map<String, String> outletOf = new HashMap<>();
    for (Row r : mentions()) {
      String id = r.getAs("entity_id");
      if (id == null) {
        continue;
      }
      String doc = r.getAs("doc_id");
      outletOf.put(doc, r.getAs("outlet"));
      int[] w = {r.<Integer>getAs("sentence"), r.<Integer>getAs("paragraph"), 0};
      for (int k = 0; k < 3; k++) {
        sets.computeIfAbsent(Cooccurrence.WINDOWS.get(k), x -> new HashMap<>())
            .computeIfAbsent(doc + "|" + w[k], x -> new TreeSet<>()).add(id);
      }
    }
    Map<Key, long[]> expected = new HashMap<>();   // count, documents
    Map<Key, Set<String>> docsOf = new HashMap<>();
    Map<String, Long> marginal = new HashMap<>();   // window|scope|entity -> windows
    for (int k = 0; k < 3; k++) {
      String window = Cooccurrence.WINDOWS.get(k);
      for (Map.Entry<String, Set<String>> w : sets.get(window).entrySet()) {
        String doc = w.getKey().substring(0, w.getKey().indexOf('|'));
        List<String> ids = new ArrayList<>(w.getValue());
        for (String scope : List.of(outletOf.get(doc), EntitiesStage.ALL)) {
          ids.forEach(id -> marginal.merge(window + "|" + scope + "|" + id, 1L, Long::sum));
          for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
              Key key = new Key(window, scope, ids.get(i), ids.get(j));
              expected.computeIfAbsent(key, x -> new long[1])[0]++;
              docsOf.computeIfAbsent(key, x -> new TreeSet<>()).add(doc);
            }
          }
        }
      }
    }
    List<Row> rows = table("cooccurrence").collectAsList();
    assertEquals(expected.size(), rows.size());
    for (Row r : rows) {
      Key key = new Key(r.getAs("window"), r.getAs("scope"), r.getAs("entity_a"), r.getAs("entity_b"));
      assertTrue(key.a().compareTo(key.b()) < 0);
      assertNotNull(expected.get(key), key.toString());
      long count = expected.get(key)[0];
      int k = Cooccurrence.WINDOWS.indexOf(key.window());
      long n = DOCS.entrySet().stream().filter(d -> key.scope().equals(EntitiesStage.ALL) || d.getValue()[0].equals(key.scope()))
          .mapToLong(d -> windows.get(d.getKey())[k]).sum();
      long ca = marginal.get(key.window() + "|" + key.scope() + "|" + key.a());
      long cb = marginal.get(key.window() + "|" + key.scope() + "|" + key.b());
      assertEquals(count, (long) r.getAs("count"), key.toString());
      assertEquals(docsOf.get(key).size(), (long) r.getAs("documents"), key.toString());
      assertEquals(n, (long) r.getAs("windows"), key.toString());
      double pab = count / (double) n;
      double pmi = Math.log(pab / ((ca / (double) n) * (cb / (double) n)));
      assertEquals(pmi, (double) r.getAs("pmi"), 1e-9, key.toString());
      assertEquals(pab == 1.0 ? 1.0 : pmi / -Math.log(pab), (double) r.getAs("npmi"), 1e-9, key.toString());
      assertEquals(count / (double) (ca + cb - count), (double) r.getAs("jaccard"), 1e-12, key.toString());
    }
    // And by hand: Castillo and Boluarte share a sentence in a1 and in b1, out of 4 + 2 + 2 + 2 + 1 + 2 = 13 sentences;
    // Boluarte is named in 3 of them (a1, b1, b2: one each), Castillo in 4 (a1: two, b1, b2: one each).
    Row cb = rows.stream().filter(r -> r.getAs("window").equals("sentence") && r.getAs("scope").equals(EntitiesStage.ALL)
        && r.getAs("entity_a").equals("per:dina_boluarte") && r.getAs("entity_b").equals("per:pedro_castillo")).findFirst().orElseThrow();
    assertEquals(2L, (long) cb.getAs("count"));
    assertEquals(13L, (long) cb.getAs("windows"));
    assertEquals(3L, (long) cb.getAs("count_a"));
    assertEquals(4L, (long) cb.getAs("count_b"));
    assertEquals(Math.log(2.0 * 13 / (3 * 4)) / -Math.log(2.0 / 13), (double) cb.getAs("npmi"), 1e-12);
  }

  @Test
  void graphFilesParseWithTheirNodesAndEdges() throws Exception {
    Path graphs = out.resolve("graphs");
    List<String> index = Files.readAllLines(graphs.resolve("index.csv"));
    assertEquals("graphml,gexf,scope,window,nodes,edges", index.get(0));
    assertEquals(4, index.size(), "ALL and two outlets: " + index);
    assertTrue(index.stream().anyMatch(l -> l.contains("\"B & <Co> \"\"News\"\"\"")), index.toString());
    Dataset<Row> all = table("cooccurrence").filter("window = 'sentence' and scope = 'ALL'");
    long edges = Math.min(3, all.count());
    List<Row> top = all.orderBy(org.apache.spark.sql.functions.col("count").desc(), org.apache.spark.sql.functions.col("npmi").desc(),
        org.apache.spark.sql.functions.col("entity_a"), org.apache.spark.sql.functions.col("entity_b")).limit(3).collectAsList();
    Set<String> nodes = new TreeSet<>();
    top.forEach(r -> { nodes.add(r.getAs("entity_a")); nodes.add(r.getAs("entity_b")); });

    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document graphml = f.newDocumentBuilder().parse(graphs.resolve("ALL.graphml").toFile());
    assertEquals(nodes.size(), graphml.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "node").getLength());
    assertEquals(edges, graphml.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "edge").getLength());
    Element firstEdge = (Element) graphml.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "edge").item(0);
    assertEquals(top.get(0).getAs("entity_a"), firstEdge.getAttribute("source"));
    assertEquals(Long.toString(top.get(0).getAs("count")), firstEdge.getElementsByTagNameNS("*", "data").item(0).getTextContent());
    Document gexf = f.newDocumentBuilder().parse(graphs.resolve("ALL.gexf").toFile());
    assertEquals(nodes.size(), gexf.getElementsByTagNameNS("http://gexf.net/1.3", "node").getLength());
    assertEquals(edges, gexf.getElementsByTagNameNS("http://gexf.net/1.3", "edge").getLength());

    for (String line : index.subList(1, index.size())) {
      String file = line.substring(0, line.indexOf(','));
      Document g = f.newDocumentBuilder().parse(graphs.resolve(file).toFile());
      assertEquals("G", ((Element) g.getElementsByTagNameNS("*", "graph").item(0)).getAttribute("id"));
    }
    String description = graphml.getElementsByTagNameNS("*", "data").item(0).getTextContent();
    assertTrue(description.contains("scope ALL, window sentence"), description);
    Document outletB = f.newDocumentBuilder().parse(graphs.resolve("outlet-b-co-news.gexf").toFile());
    assertTrue(outletB.getElementsByTagNameNS("*", "description").item(0).getTextContent().contains(B));
  }

  @Test
  void theNerPassHasAFewTasksPerCoreAndAtMost250DocumentsPerTask() {
    assertEquals(6, EntitiesStage.nerTasks(6, 6));        // the test corpus: three tasks per core of two
    assertEquals(8, EntitiesStage.nerTasks(2_000, 6));    // sample-2000: 250 each
    assertEquals(151, EntitiesStage.nerTasks(37_554, 6)); // the AllSides articles: ceil(37,554 / 250)
    assertEquals(300, EntitiesStage.nerTasks(37_554, 300));
  }

  @Test
  void anOutletsOwnNameIsNoMentionInItsOwnDocumentsButIsInAnothers() throws Exception {
    Path dir = TestSpark.tempDir("entities-self");
    Path in = dir.resolve("docs.jsonl");
    String text = "Pedro Castillo told Reuters in Lima that Reuters had the story right.";   // the same words, two outlets
    Files.writeString(in, "{\"id\": \"r1\", \"outlet\": \"Reuters\", \"url\": \"https://www.reuters.com/a\", \"text\": \"" + text + "\"}\n"
        + "{\"id\": \"c1\", \"outlet\": \"CNN (Web News)\", \"url\": \"https://edition.cnn.com/a\", \"text\": \"" + text + " It was Monday.\"}\n");
    Path o = dir.resolve("out");
    run(in, o, null, 10);
    Map<String, List<String>> surfaces = new java.util.TreeMap<>();
    for (Row r : TestSpark.get().read().parquet(o.resolve("mentions").toString()).collectAsList()) {
      surfaces.computeIfAbsent(r.getAs("doc_id"), k -> new ArrayList<>()).add(r.getAs("surface"));
    }
    assertNotNull(surfaces.get("r1"), surfaces.toString());
    assertFalse(surfaces.get("r1").contains("Reuters"), surfaces.toString());
    assertTrue(surfaces.get("r1").contains("Pedro Castillo"), surfaces.toString());
    assertEquals(2, surfaces.get("c1").stream().filter("Reuters"::equals).count(), surfaces.toString());
    var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(o.resolve("run_manifest.json").toFile());
    assertEquals(2, manifest.at("/counts/self_reference_mentions_dropped").asLong());
  }

  @Test
  void anOutletNamedLikeTheCorpusScopeIsRefusedBeforeNer() throws Exception {
    Path dir = TestSpark.tempDir("entities-all");
    Path in = dir.resolve("docs.jsonl");
    Files.writeString(in, "{\"id\": \"x1\", \"outlet\": \"ALL\", \"text\": \"Pedro Castillo met Dina Boluarte in Lima.\"}\n");
    Path o = dir.resolve("out");
    // Under `run` the stage is skipped with its reason, before NER, and the documents commit ...
    run(in, o, null, 10);
    assertFalse(Files.exists(o.resolve("mentions")), "no table written");
    var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(o.resolve("run_manifest.json").toFile());
    assertTrue(manifest.at("/stages/1/reason").asText().contains("an outlet is named 'ALL'"), manifest.toString());
    // ... and asked for by name, it fails with the same reason.
    Runs.Settings s = Runs.settings(in.toString(), o.toString());
    FramelensException x = assertThrows(FramelensException.class, () -> Runs.only("entities", s));
    assertTrue(x.getMessage().contains("an outlet is named 'ALL'") && x.getMessage().contains("--outlet-aliases"), x.getMessage());
  }

  @Test
  void theActorDictionaryNamesEntitiesAndABadRowFailsTheRunWithoutWritingAnything() throws Exception {
    Path dir = TestSpark.tempDir("entities-actors");
    Path csv = dir.resolve("actors.csv");
    Files.writeString(csv, "canonical_name,type,aliases\nDina Ercilia Boluarte Zegarra,PERSON,Dina Boluarte|Boluarte\n");
    Path o = dir.resolve("out");
    run(corpus(), o, csv.toString(), 10);
    Dataset<Row> m = TestSpark.get().read().parquet(o.resolve("mentions").toString());
    assertEquals(3, m.filter("entity_id = 'per:dina_ercilia_boluarte_zegarra' and resolution = 'dictionary'").count(),
        "a1 and b2: Dina Boluarte, b1: Boluarte");
    Row e = TestSpark.get().read().parquet(o.resolve("entities").toString())
        .filter("entity_id = 'per:dina_ercilia_boluarte_zegarra'").first();
    assertEquals("Dina Ercilia Boluarte Zegarra", e.getAs("canonical_name"));

    String before = Files.readString(o.resolve("run_manifest.json"));
    Files.writeString(csv, "canonical_name,type,aliases\nDina Boluarte,PERSON,\nPeru,COUNTRY,\n");
    FramelensException x = assertThrows(FramelensException.class, () -> run(corpus(), o, csv.toString(), 10));
    assertTrue(x.getMessage().contains("line 3: unknown type 'COUNTRY'"), x.getMessage());
    assertEquals(before, Files.readString(o.resolve("run_manifest.json")));
    try (Stream<Path> s = Files.list(o)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("_")), "no staging left");
    }
    assertTrue(new File(o.resolve("graphs").toString(), "ALL.graphml").exists(), "the previous graphs stay");
  }
}
