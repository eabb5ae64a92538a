package org.framelens.quotes;

import static org.junit.jupiter.api.Assertions.*;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.QuoteAnnotator;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.framelens.entities.Nlp;
import org.junit.jupiter.api.Test;

/**
 * QuoteNlp calls the QuoteAnnotator's pairing without its annotate(), whose rebuilding of the text is quadratic: the
 * oracle here is annotate() itself, run as CoreNLP documents it on the same tokens, over hand-written texts of every
 * quotation style and the sample corpus's five articles.
 */
class QuoteNlpTest {
  private static List<int[]> byAnnotate(String text) {
    Properties split = Nlp.properties();
    split.setProperty("annotators", "tokenize,ssplit");
    Properties q = new Properties();
    q.setProperty("quote.attributeQuotes", "false");
    q.setProperty("quote.singleQuotes", "true");
    Annotation a = new Annotation(text);
    new StanfordCoreNLP(split).annotate(a);
    String neutral = QuoteNlp.forAnnotator(text, org.framelens.entities.DocumentEntities.paragraphStarts(text));
    List<CoreLabel> tokens = new ArrayList<>();
    for (CoreLabel t : a.get(CoreAnnotations.TokensAnnotation.class)) {
      CoreLabel c = new CoreLabel(t);
      c.setOriginalText(neutral.substring(t.beginPosition(), t.endPosition()));
      tokens.add(c);
    }
    Annotation forQuotes = new Annotation(text);
    forQuotes.set(CoreAnnotations.TokensAnnotation.class, tokens);
    forQuotes.set(CoreAnnotations.SentencesAnnotation.class, a.get(CoreAnnotations.SentencesAnnotation.class));
    new QuoteAnnotator("quote", q, false).annotate(forQuotes);
    List<int[]> out = new ArrayList<>();
    for (CoreMap m : forQuotes.get(CoreAnnotations.QuotationsAnnotation.class)) {
      out.add(new int[] {m.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class),
          m.get(CoreAnnotations.CharacterOffsetEndAnnotation.class)});
    }
    return out;
  }

  private static List<String> spans(List<int[]> s) {
    return s.stream().map(x -> x[0] + "-" + x[1]).toList();
  }

  @Test
  void theQuotationsAreThoseOfTheAnnotatorsOwnAnnotate() throws Exception {
    List<String> texts = new ArrayList<>(List.of(
        "\"We will not back down,\" said Sen. Warren. \u201cCurly,\u201d she added. \u2018Single,\u2019 he said.",
        "Boluarte said: \u00abNi un paso atr\u00e1s\u00bb. Peru's '90s \u2014 rock 'n' roll \u2014 were \"odd\".",
        "The minister: \"First paragraph.\n\n\"Second one.\n\n\"And the last,\" she added.\u00a0\u00a0Then \u2605 nothing.",
        "\u201cMixed,\" Labrador said. \u201cNested \"pair\" inside,\u201d he added. \"Unclosed at the end"));
    try (Stream<Path> files = Files.list(Path.of("data/sample"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
        texts.add(Files.readString(p));
      }
    }
    int found = 0;
    for (String text : texts) {
      List<int[]> expected = byAnnotate(text);
      assertEquals(spans(expected), spans(QuoteNlp.parse(text).marked()), text.substring(0, Math.min(60, text.length())));
      found += expected.size();
    }
    assertTrue(found > 20, "the texts hold quotations: " + found);
  }

  @Test
  void aStrayMarkShiftsNoPairingBeyondItsParagraph() {
    String text = "\"By waffling on a deal she once called a \"gold standard,\" she shows why,\" Short said.\n\n"
        + "Clinton spent the weekend in Iowa.\n\n\"We will see where this goes,\" Finney said. \"This is someone who votes.\"";
    List<String> quotes = QuoteNlp.parse(text).marked().stream().map(q -> text.substring(q[0], q[1])).toList();
    assertTrue(quotes.contains("\"We will see where this goes,\""), quotes.toString());
    assertTrue(quotes.contains("\"This is someone who votes.\""), quotes.toString());
    // The annotator alone pairs the marks after the stray one across the paragraphs.
    assertFalse(spans(byAnnotate(text)).contains(text.indexOf("\"We will") + "-" + (text.indexOf("goes,\"") + 6)));
  }
}
