package org.framelens.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.framelens.TestSpark;
import org.framelens.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

/**
 * A document's bag of terms against a brute-force count: every content word, and every n-gram of 2 to maxN words
 * starting at a content word looked up in the phrase set, whatever the model skips to get there.
 */
class PhraseModelTest {
  private static final Set<String> STOP = Set.of("of", "the", "in");
  /** Phrases whose shorter prefixes are phrases too, and some that are not ("state of" is only a prefix). */
  private static final String[] PHRASES = {"state of emergency", "new york", "new york city", "york city", "city hall",
      "white house", "house of cards", "of the", "the state"};

  /** Sentences that hold each kind of phrase: a trigram over a non-phrase prefix, nested and overlapping ones. */
  private static final String[] PLANTED = {"the state of emergency in new york city hall", "white house of cards",
      "new york new york city york city hall", "state of the state of emergency", "house of the white house", "2024"};

  /** The bag as the model's contract states it, computed the slow way. */
  private static Map<String, Integer> bruteForce(List<List<String>> sentences, int maxN) {
    Set<String> known = Set.of(PHRASES);
    Map<String, Integer> bag = new TreeMap<>();
    for (List<String> tokens : sentences) {
      for (int i = 0; i < tokens.size(); i++) {
        if (STOP.contains(tokens.get(i)) || tokens.get(i).chars().noneMatch(Character::isLetter)) {
          continue;
        }
        bag.merge(tokens.get(i), 1, Integer::sum);
        for (int len = 2; len <= maxN && i + len <= tokens.size(); len++) {
          String gram = String.join(" ", tokens.subList(i, i + len));
          if (known.contains(gram)) {
            bag.merge(gram, 1, Integer::sum);
          }
        }
      }
    }
    return bag;
  }

  @Test
  void countsEveryPhraseAnExhaustiveLookupFinds() {
    String[] vocabulary = {"new", "york", "city", "hall", "state", "of", "emergency", "white", "house", "cards", "the",
        "in", "2024", "lima"};
    Random r = new Random(7);
    List<List<List<String>>> docs = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < 40; d++) {
      List<List<String>> sentences = new ArrayList<>();
      sentences.add(List.of(PLANTED[d % PLANTED.length].split(" ")));
      int n = r.nextInt(3);
      for (int s = 0; s < n; s++) {
        List<String> tokens = new ArrayList<>();
        int length = r.nextInt(30);
        for (int t = 0; t < length; t++) {
          tokens.add(vocabulary[r.nextInt(vocabulary.length)]);
        }
        sentences.add(tokens);
      }
      docs.add(sentences);
      rows.add(RowFactory.create(d, sentences));
    }
    StructType schema = new StructType().add("id", DataTypes.IntegerType).add("sentences", TextAnalyzer.SENTENCES_TYPE);
    var input = TestSpark.get().createDataFrame(rows, schema);
    for (int maxN : new int[] {2, 3}) {
      PhraseModel m = new PhraseModel("phrases-test", PHRASES, new long[PHRASES.length], new double[PHRASES.length]);
      m.set(m.maxN(), maxN).set(m.stopWords(), STOP.toArray(String[]::new));
      List<Row> out = m.transform(input).select("id", "terms").orderBy("id").collectAsList();
      int phrasesSeen = 0;
      for (Row row : out) {
        Map<String, Integer> bag = new TreeMap<>();
        for (Row term : row.<Row>getList(1)) {
          bag.put(term.getString(0), term.getInt(2));
          assertEquals(term.getString(0).split(" ").length, term.getInt(1), "n of " + term);
        }
        assertEquals(bruteForce(docs.get(row.getInt(0)), maxN), bag, "document " + row.getInt(0) + ", maxN " + maxN);
        phrasesSeen += (int) bag.keySet().stream().filter(t -> t.contains(" ")).count();
      }
      // The random documents hold phrases of every kind, so that the comparison means something.
      assertTrue(phrasesSeen > 40, "phrases found: " + phrasesSeen);
    }
  }
}
