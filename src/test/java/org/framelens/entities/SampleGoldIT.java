package org.framelens.entities;

import static org.junit.jupiter.api.Assertions.*;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.framelens.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the entities found in the sample corpus against a hand annotation of its five articles
 * (src/test/resources/gold/sample-entities.csv). Scored per document: the entities a document's mentions resolve
 * to (named by their canonical name and the forms the document uses) against the gold entities of that document,
 * a match being any shared name after folding case, accents, periods and a leading "the". Prints the figures; the
 * floors are a little below what this code reaches, so that a regression fails.
 */
class SampleGoldIT {

  record Gold(String doc, String type, Set<String> names) {}

  record Found(String doc, String entity, String type, Set<String> names) {}

  static String norm(String s) {
    return Names.key(s, Names.ORGANIZATION);
  }

  static List<Gold> gold() throws Exception {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setComment('#');
    settings.setHeaderExtractionEnabled(true);
    CsvParser p = new CsvParser(settings);
    List<Gold> gold = new ArrayList<>();
    try (var in = new InputStreamReader(SampleGoldIT.class.getResourceAsStream("/gold/sample-entities.csv"), StandardCharsets.UTF_8)) {
      for (String[] r : p.parseAll(in)) {
        Set<String> names = new HashSet<>();
        for (String n : r[2].split("\\|")) {
          names.add(norm(n));
        }
        gold.add(new Gold(r[0], r[1], names));
      }
    }
    return gold;
  }

  static Path out;

  @org.junit.jupiter.api.BeforeAll
  static void run() {
    out = org.framelens.SampleRun.get().folder();   // the README's first command's tables
  }

  /**
   * The GROUP entities of each document against the collective actors a reader listed for it
   * (src/test/resources/gold/sample-collective-actors.tsv): a group of a document is right when the last word of one
   * of its mentions there, as written, is the last word of one of the forms listed for the document, case folded.
   */
  @Test
  void collectiveActorsAreRealOnes() throws Exception {
    Map<String, Set<String>> heads = new HashMap<>();
    try (var in = new java.io.BufferedReader(new InputStreamReader(SampleGoldIT.class.getResourceAsStream("/gold/sample-collective-actors.tsv"), StandardCharsets.UTF_8))) {
      boolean header = true;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] f = line.split("\t", -1);
        for (String form : (f[1] + "|" + f[2]).split("\\|")) {
          String[] w = form.strip().split("\\s+");
          heads.computeIfAbsent(f[0], k -> new HashSet<>()).add(w[w.length - 1]);
        }
      }
    }
    int found = 0;
    int right = 0;
    List<String> wrong = new ArrayList<>();
    for (Row r : TestSpark.get().read().parquet(out.resolve("mentions").toString()).filter("type = 'GROUP'")
        .groupBy("doc_id", "entity_id").agg(org.apache.spark.sql.functions.collect_set("surface")).collectAsList()) {
      found++;
      Set<String> gold = heads.getOrDefault(r.getString(0), Set.of());
      if (r.<String>getList(2).stream().map(s -> s.toLowerCase(Locale.ROOT).split("\\s+"))
          .anyMatch(w -> gold.contains(w[w.length - 1]))) {
        right++;
      } else {
        wrong.add(r.getString(0).substring(0, 3) + ":" + r.getString(1));
      }
    }
    double precision = right / (double) found;
    System.out.printf(Locale.ROOT, "collective actors vs gold: %d found per document, precision %.3f; not in the gold: %s%n",
        found, precision, wrong.stream().sorted().toList());
    assertTrue(found >= 50, found + " groups");
    assertTrue(precision >= 0.85, "precision " + precision);
  }

  @Test
  void precisionAndRecallAgainstAHandAnnotationOfTheSample() throws Exception {
    Map<String, Row> entities = new HashMap<>();
    for (Row r : TestSpark.get().read().parquet(out.resolve("entities").toString()).collectAsList()) {
      entities.put(r.getAs("entity_id"), r);
    }
    Map<String, Found> found = new HashMap<>();
    // The gold lists named entities; collective actors are scored on their own (collectiveActorsAreRealOnes).
    for (Row m : TestSpark.get().read().parquet(out.resolve("mentions").toString()).filter("entity_id is not null and type <> 'GROUP'").collectAsList()) {
      String doc = m.getAs("doc_id");
      String id = m.getAs("entity_id");
      Row e = entities.get(id);
      Found f = found.computeIfAbsent(doc + "|" + id, k -> new Found(doc, id, e.getAs("type"),
          new HashSet<>(Set.of(norm(e.getAs("canonical_name"))))));
      f.names().add(norm(m.getAs("surface")));
    }
    List<Gold> gold = gold();
    assertEquals(Set.of("000_e52651ad80518f9c", "001_ba87d23f3dac9bbb", "002_a3635686e2604eb3", "003_0862602344f6d9a1",
        "004_0a90ad77b5dba14c"), new HashSet<>(gold.stream().map(Gold::doc).toList()));

    double[] any = score(gold, found.values(), false);
    double[] typed = score(gold, found.values(), true);
    System.out.printf(Locale.ROOT, "entities vs gold (%d gold, %d found per document): precision %.3f recall %.3f F1 %.3f;"
        + " with the type: precision %.3f recall %.3f%n", gold.size(), found.size(), any[0], any[1],
        2 * any[0] * any[1] / (any[0] + any[1]), typed[0], typed[1]);
    assertTrue(any[0] >= 0.85, "precision " + any[0]);
    assertTrue(any[1] >= 0.85, "recall " + any[1]);
    assertTrue(typed[0] >= 0.80 && typed[1] >= 0.80, "typed " + typed[0] + " " + typed[1]);
  }

  /** {precision, recall}: found entities matching a gold entity of their document, gold entities found. */
  static double[] score(List<Gold> gold, java.util.Collection<Found> found, boolean withType) {
    int truePositives = 0;
    Set<Gold> recalled = new HashSet<>();
    List<String> misses = new ArrayList<>();
    for (Found f : found) {
      boolean hit = false;
      for (Gold g : gold) {
        if (g.doc().equals(f.doc()) && (!withType || g.type().equals(f.type()))
            && g.names().stream().anyMatch(f.names()::contains)) {
          hit = true;
          recalled.add(g);
        }
      }
      truePositives += hit ? 1 : 0;
      if (!hit && !withType) {
        misses.add(f.doc().substring(0, 3) + ":" + f.entity());
      }
    }
    if (!withType) {
      System.out.println("found, not in the gold: " + misses.stream().sorted().toList());
      System.out.println("gold, not found: " + gold.stream().filter(g -> !recalled.contains(g))
          .map(g -> g.doc().substring(0, 3) + ":" + g.names()).sorted().toList());
    }
    return new double[] {truePositives / (double) found.size(), recalled.size() / (double) gold.size()};
  }
}
