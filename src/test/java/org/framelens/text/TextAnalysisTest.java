package org.framelens.text;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.framelens.TestSpark;
import org.junit.jupiter.api.Test;

class TextAnalysisTest {

  private static List<List<String>> analyze(AnalysisOptions o, String text) {
    Set<String> stop = StopWords.load(o, new org.apache.hadoop.conf.Configuration());
    return Tokens.sentences(Tokens.analyzer(o.stem.name(), o.keepAccents, o.splitHyphens, stop), text);
  }

  @Test
  void possessivesAccentsHyphensAndTitleAbbreviations() {
    List<List<String>> s = analyze(new AnalysisOptions(),
        "Castillo’s ouster angered the vice-president. Gen. José Williams didn't say; Córdova's de-facto regime ruled.");
    assertEquals(List.of(
        List.of("castillo", "ouster", "angered", "the", "vice-president"),
        List.of("gen", "jose", "williams", "didn't", "say", "cordova", "de-facto", "regime", "ruled")), s);
  }

  /**
   * The one-for-one character replacement gives the tokens Lucene's PatternReplaceFilter gives with the same class
   * and replacement (the oracle), on curly and modifier apostrophes, underscores, accents, digits and an emoji.
   */
  @Test
  void charReplacementMatchesLucenesPatternReplaceFilter() throws Exception {
    String text = "Don\u2019t \u2018quote\u2019 me_now: O\u02bcNeil\u2019s snake_case_x 1_000 caf\u00e9_\u2019 \uD83D\uDE00 it\u2019s";
    String[][] cases = {{"\u2018\u2019\u02bc", "'"}, {"_", "-"}};
    for (String[] c : cases) {
      java.util.regex.Pattern p = java.util.regex.Pattern.compile("[" + java.util.regex.Pattern.quote(c[0]) + "]");
      List<String> expected = tokens(text, ts -> new org.apache.lucene.analysis.pattern.PatternReplaceFilter(ts, p, c[1], true));
      List<String> actual = tokens(text, ts -> new CharReplaceFilter(ts, c[0], c[1].charAt(0)));
      assertEquals(expected, actual, c[0]);
      assertTrue(expected.stream().anyMatch(t -> t.contains(c[1])), "the text exercises " + c[0] + ": " + expected);
    }
  }

  private static List<String> tokens(String text,
      java.util.function.UnaryOperator<org.apache.lucene.analysis.TokenStream> filter) throws java.io.IOException {
    org.apache.lucene.analysis.standard.StandardTokenizer source = new org.apache.lucene.analysis.standard.StandardTokenizer();
    source.setReader(new java.io.StringReader(text));
    try (org.apache.lucene.analysis.TokenStream ts = filter.apply(source)) {
      var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
      List<String> out = new java.util.ArrayList<>();
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
      return out;
    }
  }

  @Test
  void wrappedLinesJoinAndBlankLinesEndParagraphs() {
    List<List<String>> s = analyze(new AnalysisOptions(),
        "The state of\nemergency continues\n\nComments\n\nA new paragraph. And a second sentence.");
    assertEquals(List.of(
        List.of("the", "state", "of", "emergency", "continues"),
        List.of("comments"),
        List.of("a", "new", "paragraph"),
        List.of("and", "a", "second", "sentence")), s);
  }

  @Test
  void textWithoutBlankLinesHasOneParagraphPerLine() {
    assertEquals(List.of("Headline without a stop", "Body text. More."),
        Segmenter.paragraphs("Headline without a stop\nBody text. More."));
    assertEquals(List.of("One wrapped line", "Two"), Segmenter.paragraphs("One\nwrapped line\n\n  \nTwo"));
  }

  @Test
  void optionsSplitHyphensKeepAccentsAndStemWithoutTouchingStopWords() {
    AnalysisOptions split = new AnalysisOptions();
    split.splitHyphens = true;
    assertEquals(List.of(List.of("the", "vice", "president")), analyze(split, "The vice-president"));

    AnalysisOptions accents = new AnalysisOptions();
    accents.keepAccents = true;
    assertEquals(List.of(List.of("josé", "córdova")), analyze(accents, "José Córdova"));

    AnalysisOptions porter = new AnalysisOptions();
    porter.stem = AnalysisOptions.Stemmer.porter;
    assertEquals(List.of(List.of("protest", "was", "spread")), analyze(porter, "Protests was spreading"));
  }

  @Test
  void stopWordsAreSparksEnglishListFoldedLikeTokens() {
    Set<String> stop = StopWords.load(new AnalysisOptions(), new org.apache.hadoop.conf.Configuration());
    assertTrue(stop.containsAll(List.of("the", "of", "and", "was", "didn't")));
    assertFalse(stop.contains("coup"));
    assertEquals(org.apache.spark.ml.feature.StopWordsRemover.loadDefaultStopWords("english").length, stop.size());
  }

  @Test
  void transformerAddsSentencesAndChecksItsSchemaFirst() {
    StructType schema = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType);
    Dataset<Row> df = TestSpark.get().createDataFrame(List.of(RowFactory.create("d1", "Coup in Peru. Protests follow.")), schema);
    TextAnalyzer t = TextAnalyzer.of(new AnalysisOptions(), Set.of());
    Row r = t.transform(df).first();
    assertEquals(List.of(List.of("coup", "in", "peru"), List.of("protests", "follow")),
        r.getList(2).stream().map(x -> scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) x)).toList());

    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> t.copy(new org.apache.spark.ml.param.ParamMap()).setInputCol("body").transformSchema(schema));
    assertTrue(missing.getMessage().contains("'body' not found"));
    StructType numeric = new StructType().add("text", DataTypes.IntegerType);
    assertThrows(IllegalArgumentException.class, () -> t.transformSchema(numeric));
  }
}
