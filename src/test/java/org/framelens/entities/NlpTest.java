package org.framelens.entities;

import static org.junit.jupiter.api.Assertions.*;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.sequences.SeqClassifierFlags;
import edu.stanford.nlp.util.CoreMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The stage's CoreNLP ({@link Nlp#annotate}, part-of-speech tags only where they are read) against the standard
 * pipeline ({@link Nlp#properties()}, tags everywhere): the same tokens and NER labels, and the same tags wherever the
 * stage has them. The two news sentences below are ones where the NER labels change without tags.
 */
class NlpTest {

  static final List<String> TAG_SENSITIVE = List.of(
      "As race came to dominate politics, no longer could Southern Democrats survive, so they were replaced with "
          + "ever-more conservative Republicans and, in the Northeast, Northeastern Republicans couldn't survive; they "
          + "were replaced by really liberal Democrats.",
      "The Islamic State of Iraq (formerly Al Qaeda in Iraq) merged with Syrian jihadis to form the Islamic State of "
          + "Iraq and the Levant (ISIS).");

  static List<CoreMap> sentences(Annotation a) {
    return a.get(CoreAnnotations.SentencesAnnotation.class);
  }

  static List<CoreLabel> tokens(CoreMap s) {
    return s.get(CoreAnnotations.TokensAnnotation.class);
  }

  static List<String> texts() throws Exception {
    List<String> texts = new ArrayList<>(TAG_SENSITIVE);
    try (Stream<Path> files = Files.list(Path.of("data/sample"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
        texts.add(Files.readString(f));
      }
    }
    return texts;
  }

  @Test
  void theStageGetsTheStandardPipelinesLabelsAndItsTagsWhereverItHasTags() throws Exception {
    StanfordCoreNLP standard = new StanfordCoreNLP(Nlp.properties());
    int sentences = 0;
    int untagged = 0;
    for (String text : texts()) {
      Annotation full = new Annotation(text);
      standard.annotate(full);
      Annotation stage = Nlp.annotate(text);
      assertEquals(sentences(full).size(), sentences(stage).size());
      for (int s = 0; s < sentences(full).size(); s++) {
        List<CoreLabel> x = tokens(sentences(full).get(s));
        List<CoreLabel> y = tokens(sentences(stage).get(s));
        assertEquals(x.stream().map(CoreLabel::word).toList(), y.stream().map(CoreLabel::word).toList());
        assertEquals(x.stream().map(CoreLabel::ner).toList(), y.stream().map(CoreLabel::ner).toList(),
            "NER labels of: " + sentences(full).get(s));
        boolean entity = y.stream().anyMatch(t -> Names.TYPES.contains(t.ner()));
        if (y.get(0).tag() == null) {
          untagged++;
          assertFalse(entity, "a sentence with an entity label has its tags");
          assertFalse(Nlp.nerReadsTags(y));
          assertTrue(y.stream().allMatch(t -> t.tag() == null), "a sentence is tagged whole or not at all");
        } else {
          assertEquals(x.stream().map(CoreLabel::tag).toList(), y.stream().map(CoreLabel::tag).toList());
        }
        sentences++;
      }
    }
    assertTrue(untagged > 0 && untagged < sentences, untagged + " of " + sentences + " sentences left untagged");
  }

  @Test
  void withoutAnyTagsTheModelLabelsTheseSentencesDifferently() {
    // Why the stage tags where the model reads tags: NER alone, on no tags at all, changes labels here.
    Properties p = Nlp.properties();
    p.setProperty("annotators", "tokenize,ssplit,ner");
    p.setProperty("enforceRequirements", "false");
    StanfordCoreNLP untagged = new StanfordCoreNLP(p);
    StanfordCoreNLP standard = new StanfordCoreNLP(Nlp.properties());
    for (String text : TAG_SENSITIVE) {
      Annotation full = new Annotation(text);
      standard.annotate(full);
      Annotation bare = new Annotation(text);
      untagged.annotate(bare);
      assertTrue(Nlp.nerReadsTags(tokens(sentences(bare).get(0))));
      assertNotEquals(tokens(sentences(full).get(0)).stream().map(CoreLabel::ner).toList(),
          tokens(sentences(bare).get(0)).stream().map(CoreLabel::ner).toList(), text);
    }
  }

  @Test
  void theModelReadsTagsOnlyThroughItsOccurrencePatterns() throws Exception {
    SeqClassifierFlags flags = CRFClassifier.getClassifier(Nlp.NER_MODEL).flags;
    assertTrue(flags.useOccurrencePatterns, "the features Nlp.nerReadsTags mirrors");
    // NERFeatureFactory's other features that read a part-of-speech tag: all off in this model.
    assertFalse(flags.useTags);
    assertFalse(flags.useTaggySequences);
    assertFalse(flags.useSymTags);
    assertFalse(flags.useMoreTags);
    assertFalse(flags.useWordTag);
    assertFalse(flags.useABSTRFreqDict);
    assertFalse(flags.useWEBFreqDict);
  }
}
