package org.framelens.entities;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CoreNLP pipeline, loaded once per JVM (an executor's tasks share it; StanfordCoreNLP.annotate is thread-safe)
 * the first time a task needs it, never by the driver's own code. Only what the entities stage uses runs: tokenizer,
 * sentence splitter, part-of-speech tagger (for descriptors) and the CRF 3-class NER model, without SUTime, the
 * numeric classifiers, fine-grained regexner or entity-mention building.
 */
public final class Nlp {
  private Nlp() {}

  private static final Logger LOG = LoggerFactory.getLogger(Nlp.class);

  /** Hyphenated words stay one token ("vice-president"), as the 3-class model was trained. */
  public static final String TOKENIZE_OPTIONS = "splitHyphenated=false,untokenizable=noneKeep";
  public static final String NER_MODEL = "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz";

  public static Properties properties() {
    Properties p = new Properties();
    p.setProperty("annotators", "tokenize,ssplit,pos,ner");
    p.setProperty("tokenize.language", "en");
    p.setProperty("tokenize.options", TOKENIZE_OPTIONS);
    p.setProperty("ssplit.newlineIsSentenceBreak", "two");   // blank lines (paragraph breaks) end sentences
    p.setProperty("ner.model", NER_MODEL);
    p.setProperty("ner.applyNumericClassifiers", "false");
    p.setProperty("ner.useSUTime", "false");
    p.setProperty("ner.applyFineGrained", "false");
    p.setProperty("ner.buildEntityMentions", "false");
    p.setProperty("ner.useNERSpecificTokenization", "false");
    return p;
  }

  private static volatile StanfordCoreNLP pipeline;

  public static StanfordCoreNLP pipeline() {
    StanfordCoreNLP p = pipeline;
    if (p == null) {
      synchronized (Nlp.class) {
        p = pipeline;
        if (p == null) {
          long t0 = System.nanoTime();
          p = new StanfordCoreNLP(properties());
          LOG.info("CoreNLP loaded (tokenize, ssplit, pos, ner 3-class) in {} s", (System.nanoTime() - t0) / 1_000_000 / 1000.0);
          pipeline = p;
        }
      }
    }
    return p;
  }
}
