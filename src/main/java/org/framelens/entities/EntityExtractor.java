package org.framelens.entities;

import static org.apache.spark.sql.types.DataTypes.*;

import edu.stanford.nlp.pipeline.Annotation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Runs in the executors: CoreNLP over each document of a partition (one document in memory at a time), then
 * {@link DocumentEntities}. One row per document with its counts and its mentions as the document resolves them.
 */
final class EntityExtractor implements MapPartitionsFunction<Row, Row> {

  static final StructType MENTION = new StructType()
      .add("sentence", IntegerType, false)
      .add("paragraph", IntegerType, false)
      .add("start", IntegerType, false)
      .add("end", IntegerType, false)
      .add("surface", StringType, false)
      .add("type", StringType, false)
      .add("key", StringType, false)
      .add("display", StringType, false)
      .add("words", IntegerType, false)
      .add("resolved_key", StringType, true)
      .add("resolution", StringType, false)
      .add("canonical", StringType, true)
      .add("descriptors", createArrayType(StringType, false), false)
      .add("example", StringType, true);

  /** Input: doc_id, outlet, text. */
  static final StructType SCHEMA = new StructType()
      .add("doc_id", StringType, false)
      .add("outlet", StringType, false)
      .add("n_tokens", IntegerType, false)
      .add("n_sentences", IntegerType, false)
      .add("n_paragraphs", IntegerType, false)
      .add("mentions", createArrayType(MENTION, false), false);

  private final Broadcast<ActorDictionary> dictionary;
  private final Broadcast<CollectiveActors> collective;
  private final LongAccumulator corenlpNanos;
  private final LongAccumulator rulesNanos;

  /** The accumulators sum, over all tasks, the time spent in CoreNLP and in the document rules after it. */
  EntityExtractor(Broadcast<ActorDictionary> dictionary, Broadcast<CollectiveActors> collective, LongAccumulator corenlpNanos,
      LongAccumulator rulesNanos) {
    this.dictionary = dictionary;
    this.collective = collective;
    this.corenlpNanos = corenlpNanos;
    this.rulesNanos = rulesNanos;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> docs) {
    ActorMatcher matcher = new ActorMatcher(dictionary.value());
    CollectiveActors groups = collective.value();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return docs.hasNext();
      }

      @Override
      public Row next() {
        Row d = docs.next();
        String text = d.getString(2);
        long t0 = System.nanoTime();
        Annotation a = Nlp.annotate(text);
        long t1 = System.nanoTime();
        DocumentEntities.Result r = DocumentEntities.extract(text, a, matcher, groups);
        corenlpNanos.add(t1 - t0);
        rulesNanos.add(System.nanoTime() - t1);
        List<Row> ms = new ArrayList<>(r.mentions().size());
        for (DocumentEntities.Mention m : r.mentions()) {
          ms.add(RowFactory.create(m.sentence(), m.paragraph(), m.start(), m.end(), m.surface(), m.type(), m.key(),
              m.display(), m.words(), m.resolvedKey(), m.resolution(), m.canonical(),
              scala.jdk.javaapi.CollectionConverters.asScala(m.descriptors()).toSeq(), m.example()));
        }
        return RowFactory.create(d.getString(0), d.getString(1), r.tokens(), r.sentences(), r.paragraphs(),
            scala.jdk.javaapi.CollectionConverters.asScala(ms).toSeq());
      }
    };
  }
}
