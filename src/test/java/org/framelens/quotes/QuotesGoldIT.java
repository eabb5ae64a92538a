package org.framelens.quotes;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.framelens.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * Quote precision and speaker accuracy on the sample corpus against a hand annotation of its five articles
 * (src/test/resources/gold/sample-quotes.tsv, made by reading the texts only). A framelens quotation is right when
 * it overlaps an occurrence of a gold quotation's text in its document; its speaker is right when the speaker (the
 * entity's canonical name, else as written) contains the gold speaker's last word, case-insensitive, or both are
 * none. The figures are printed; the floors sit a little below what this code reaches (issue 21's targets are 0.85
 * for both: precision meets it, speaker accuracy does not yet), so that a regression fails.
 */
class QuotesGoldIT {
  record Gold(String doc, String kind, String speaker, String text) {}

  static List<Gold> gold() throws Exception {
    List<Gold> gold = new ArrayList<>();
    try (var in = new BufferedReader(new InputStreamReader(QuotesGoldIT.class.getResourceAsStream("/gold/sample-quotes.tsv"), StandardCharsets.UTF_8))) {
      boolean header = true;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (header) {
          assertEquals("doc_id\tkind\tspeaker\ttext", line);
          header = false;
          continue;
        }
        String[] f = line.split("\t", -1);
        gold.add(new Gold(f[0], f[1], f[2], f[3]));
      }
    }
    return gold;
  }

  static String lastWord(String s) {
    String[] w = s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}’'.\\- ]", " ").strip().split("\\s+");
    return w[w.length - 1].replaceAll("^\\.+|\\.+$", "");
  }

  @Test
  void quotePrecisionAndSpeakerAccuracyAgainstAHandAnnotationOfTheSample() throws Exception {
    Path out = org.framelens.SampleRun.get().folder();   // the README's first command's tables
    Map<String, String> texts = new HashMap<>();
    for (Row d : TestSpark.get().read().parquet(out.resolve("documents").toString()).select("doc_id", "text").collectAsList()) {
      texts.put(d.getString(0), d.getString(1));
    }
    List<Gold> gold = gold();
    int quotes = 0;
    int right = 0;
    int speakers = 0;
    List<String> wrong = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    for (Row q : TestSpark.get().read().parquet(out.resolve("quotes").toString()).collectAsList()) {
      quotes++;
      String text = texts.get((String) q.getAs("doc_id"));
      int start = q.getAs("start");
      int end = q.getAs("end");
      Gold hit = null;
      for (Gold g : gold) {
        if (!g.doc().equals(q.getAs("doc_id"))) {
          continue;
        }
        for (int at = text.indexOf(g.text()); at >= 0 && hit == null; at = text.indexOf(g.text(), at + 1)) {
          if (at < end && start < at + g.text().length()) {
            hit = g;
          }
        }
      }
      if (hit == null) {
        extra.add(q.getAs("kind") + ": " + q.<String>getAs("text"));
        continue;
      }
      right++;
      String speaker = q.getAs("speaker");
      boolean ok = hit.speaker().equals("NONE") ? speaker == null
          : speaker != null && speaker.toLowerCase(Locale.ROOT).contains(lastWord(hit.speaker()));
      speakers += ok ? 1 : 0;
      if (!ok) {
        wrong.add(hit.speaker() + " <> " + speaker + " (" + q.getAs("resolution") + "): " + hit.text());
      }
    }
    double precision = right / (double) quotes;
    double accuracy = speakers / (double) right;
    System.out.printf(Locale.ROOT, "quotes vs gold (%d gold, %d found): precision %.3f (%d/%d), speaker accuracy %.3f (%d/%d)%n",
        gold.size(), quotes, precision, right, quotes, accuracy, speakers, right);
    System.out.println("found, in no gold quotation: " + extra);
    System.out.println("speaker not the gold one: " + wrong);
    assertTrue(precision >= 0.85, "precision " + precision);
    assertTrue(accuracy >= 0.65, "speaker accuracy " + accuracy);
  }
}
