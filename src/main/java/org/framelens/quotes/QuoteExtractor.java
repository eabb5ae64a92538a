package org.framelens.quotes;

import static org.apache.spark.sql.types.DataTypes.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Runs in the executors: for each document (doc_id, outlet, text, its mentions as start, end, type, entity_id,
 * surface, descriptors), CoreNLP's tokens, sentences and quotation marks, then {@link QuoteFinder}. One row per quotation.
 */
final class QuoteExtractor implements FlatMapFunction<Row, Row> {
  static final StructType SCHEMA = new StructType()
      .add("doc_id", StringType, false)
      .add("outlet", StringType, false)
      .add("paragraph", IntegerType, false)
      .add("sentence", IntegerType, false)
      .add("start", IntegerType, false)
      .add("end", IntegerType, false)
      .add("text", StringType, false)
      .add("kind", StringType, false)
      .add("verb", StringType, true)
      .add("speaker_surface", StringType, true)
      .add("speaker_entity_id", StringType, true)
      .add("resolution", StringType, false)
      .add("words", IntegerType, false);

  private final Broadcast<ReportingVerbs> verbs;
  private final Broadcast<Set<String>> nouns;
  private final LongAccumulator rejected;

  QuoteExtractor(Broadcast<ReportingVerbs> verbs, Broadcast<Set<String>> nouns, LongAccumulator rejected) {
    this.verbs = verbs;
    this.nouns = nouns;
    this.rejected = rejected;
  }

  @Override
  public Iterator<Row> call(Row d) {
    String text = d.getString(2);
    if (text == null || text.isBlank()) {
      return Collections.emptyIterator();
    }
    List<QuoteFinder.Mention> mentions = new ArrayList<>();
    if (!d.isNullAt(3)) {
      for (Row m : d.<Row>getList(3)) {
        mentions.add(new QuoteFinder.Mention(m.getInt(0), m.getInt(1), m.getString(2), m.getString(3), m.getString(4),
            m.isNullAt(5) ? List.of() : m.<String>getList(5)));
      }
    }
    QuoteNlp.Parsed p = QuoteNlp.parse(text);
    QuoteFinder.Result r = new QuoteFinder(verbs.value(), nouns.value()).find(text, p.tokens(), p.marked(), mentions);
    rejected.add(r.rejected());
    List<Row> out = new ArrayList<>(r.quotes().size());
    for (QuoteFinder.Quote q : r.quotes()) {
      out.add(RowFactory.create(d.getString(0), d.getString(1), q.paragraph(), q.sentence(), q.start(), q.end(), q.text(),
          q.kind(), q.verb(), q.speakerSurface(), q.speakerEntityId(), q.resolution(), q.words()));
    }
    return out.iterator();
  }
}
