package org.framelens.entities;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.pipeline.DefaultPaths;
import edu.stanford.nlp.tagger.maxent.MaxentTagger;
import edu.stanford.nlp.util.CoreMap;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CoreNLP as the entities stage runs it, loaded once per JVM (an executor's tasks share it; annotation and tagging
 * are thread-safe) the first time a task needs it, never by the driver's own code.
 *
 * <p>The labels are those of the standard pipeline {@link #properties()} (tokenizer, sentence splitter, part-of-speech
 * tagger, CRF 3-class NER without SUTime, numeric classifiers, fine-grained regexner or entity-mention building), but
 * the part-of-speech tagger, half of that pipeline's time on news text, runs only on the sentences whose tags are read:
 * before NER, those where the NER model reads a tag ({@link #nerReadsTags}); after it, those holding a mention, for
 * the descriptors and the span rules of {@link DocumentEntities}.
 */
public final class Nlp {
  private Nlp() {}

  private static final Logger LOG = LoggerFactory.getLogger(Nlp.class);

  /** Hyphenated words stay one token ("vice-president"), as the 3-class model was trained. */
  public static final String TOKENIZE_OPTIONS = "splitHyphenated=false,untokenizable=noneKeep";
  public static final String NER_MODEL = "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz";
  public static final String POS_MODEL = DefaultPaths.DEFAULT_POS_MODEL;

  /** The standard pipeline, every annotator over every sentence: what one would run for these labels and tags. */
  public static Properties properties() {
    Properties p = new Properties();
    p.setProperty("annotators", "tokenize,ssplit,pos,ner");
    p.setProperty("tokenize.language", "en");
    p.setProperty("tokenize.options", TOKENIZE_OPTIONS);
    p.setProperty("ssplit.newlineIsSentenceBreak", "two");   // blank lines (paragraph breaks) end sentences
    p.setProperty("pos.model", POS_MODEL);
    p.setProperty("ner.model", NER_MODEL);
    p.setProperty("ner.applyNumericClassifiers", "false");
    p.setProperty("ner.useSUTime", "false");
    p.setProperty("ner.applyFineGrained", "false");
    p.setProperty("ner.buildEntityMentions", "false");
    p.setProperty("ner.useNERSpecificTokenization", "false");
    return p;
  }

  private record Loaded(StanfordCoreNLP split, StanfordCoreNLP ner, MaxentTagger tagger) {}

  private static volatile Loaded loaded;

  private static Loaded loaded() {
    Loaded l = loaded;
    if (l == null) {
      synchronized (Nlp.class) {
        l = loaded;
        if (l == null) {
          long t0 = System.nanoTime();
          Properties split = properties();
          split.setProperty("annotators", "tokenize,ssplit");
          Properties ner = properties();
          ner.setProperty("annotators", "ner");
          ner.setProperty("enforceRequirements", "false");   // its tags come from here, only where it reads them
          l = new Loaded(new StanfordCoreNLP(split), new StanfordCoreNLP(ner), new MaxentTagger(POS_MODEL));
          LOG.info("CoreNLP loaded (tokenize, ssplit, pos, ner 3-class) in {} s", (System.nanoTime() - t0) / 1_000_000 / 1000.0);
          loaded = l;
        }
      }
    }
    return l;
  }

  /** A made-up news text for {@link #preload}: names, a quotation, a reporting verb, a collective actor. */
  public static final String WARM_UP = "WASHINGTON - Senator Jane Smith told reporters on Monday that the bill would pass."
      + " \u201cWe have the votes,\u201d she said, according to the Associated Press.\n\nProtesters gathered outside the"
      + " Capitol in Washington, and police said no one was arrested.";

  /** Loads the models and annotates {@link #WARM_UP}, whose labels are dropped: the first annotations run cold. */
  public static void preload() {
    annotate(WARM_UP);
  }

  /**
   * Tokens, sentences and NER labels as {@link #properties()}'s pipeline gives them; part-of-speech tags on the
   * sentences where the NER model reads one or labels an entity, null elsewhere (until {@link #tag}: the actor
   * dictionary can match in a sentence of neither kind).
   */
  public static Annotation annotate(String text) {
    Loaded l = loaded();
    Annotation a = new Annotation(text);
    l.split().annotate(a);
    for (CoreMap s : a.get(CoreAnnotations.SentencesAnnotation.class)) {
      List<CoreLabel> tokens = s.get(CoreAnnotations.TokensAnnotation.class);
      if (nerReadsTags(tokens)) {
        tag(tokens);
      }
    }
    l.ner().annotate(a);
    for (CoreMap s : a.get(CoreAnnotations.SentencesAnnotation.class)) {
      List<CoreLabel> tokens = s.get(CoreAnnotations.TokensAnnotation.class);
      if (!tokens.isEmpty() && tokens.get(0).tag() == null && tokens.stream().anyMatch(t -> Names.TYPES.contains(t.ner()))) {
        tag(tokens);
      }
    }
    return a;
  }

  /** Tags one sentence as the pipeline's pos annotator does (same model, whole sentence, no reuse of old tags). */
  static void tag(List<CoreLabel> sentence) {
    loaded().tagger().tagCoreLabels(sentence);
  }

  /**
   * Whether the 3-class model may read a part-of-speech tag in this sentence. Written by hand because CoreNLP has no
   * option to tag only where its NER needs it. The model's only tag-reading features are its occurrence patterns
   * (NERFeatureFactory with useOccurrencePatterns; useTags and the taggy sequences are off: NlpTest checks the flags).
   * They fire at a name-case word (capital then lower case, two letters or more) between a word with a letter and a
   * word with a letter and no capital, and then read a tag only when the word before is name-case too, or when the
   * word occurs again in the sentence (three or more tokens away; taken here at any distance, which only tags more).
   */
  static boolean nerReadsTags(List<CoreLabel> sentence) {
    for (int i = 1; i + 1 < sentence.size(); i++) {
      String word = sentence.get(i).word();
      String previous = sentence.get(i - 1).word();
      String next = sentence.get(i + 1).word();
      if (!nameCase(word) || !hasLetter(previous) || !hasLetter(next) || !noUpperCase(next)) {
        continue;
      }
      if (nameCase(previous)) {
        return true;
      }
      for (int j = 0; j < sentence.size(); j++) {
        if (j != i && word.equals(sentence.get(j).word())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean nameCase(String s) {
    if (s.length() < 2 || !(Character.isUpperCase(s.charAt(0)) || Character.isTitleCase(s.charAt(0)))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (Character.isUpperCase(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean noUpperCase(String s) {
    return s.chars().noneMatch(Character::isUpperCase);
  }

  private static boolean hasLetter(String s) {
    return s.chars().anyMatch(Character::isLetter);
  }
}
