package org.framelens.pipeline;

import java.io.Serializable;
import org.framelens.corpus.IngestOptions;
import org.framelens.entities.EntityOptions;
import org.framelens.terms.KeynessOptions;
import org.framelens.terms.TermsOptions;
import org.framelens.text.AnalysisOptions;
import org.framelens.topics.TopicOptions;

/** Every setting of a run, grouped as the stages use them; serialised whole into the run manifest. */
public class Settings implements Serializable {
  public String output;
  public IngestOptions ingest = new IngestOptions();
  public AnalysisOptions analysis = new AnalysisOptions();
  public TermsOptions terms = new TermsOptions();
  public KeynessOptions keyness = new KeynessOptions();
  public TopicOptions topics = new TopicOptions();
  public EntityOptions entities = new EntityOptions();
}
