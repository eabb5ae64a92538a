package org.framelens.kwic;

import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;
import org.framelens.output.Column;
import org.framelens.output.TableSpec;

/** The table `framelens kwic --save` writes. */
public final class KwicTables {
  private KwicTables() {}

  public static final TableSpec KWIC = new TableSpec("kwic", 1,
      "A concordance (keyword in context) of the terms given to `framelens kwic --save`: every occurrence in the counted documents, found as doc_terms counts them.",
      List.of(
          new Column("term", StringType, false, "The term as given."),
          new Column("analyzed", StringType, false, "The term as the analyzer writes it: its form in doc_terms."),
          new Column("grp", StringType, true, "The document's group (--group-by), or null without --group-by."),
          new Column("line", IntegerType, false, "The line's number for its term (and group), from 1: earliest documents first (undated last), then doc_id, then position."),
          new Column("doc_id", StringType, false, "Document."),
          new Column("outlet", StringType, false, "The document's outlet."),
          new Column("published", DateType, true, "The document's date."),
          new Column("title", StringType, true, "The document's title."),
          new Column("paragraph", IntegerType, false, "Paragraph number in the analyzed text, from 0."),
          new Column("sentence", IntegerType, false, "Sentence number in the analyzed text, from 0 (sentences with at least one token)."),
          new Column("start", IntegerType, false, "Offset of the match in its paragraph (the paragraph as analyzed: wrapped lines joined)."),
          new Column("end", IntegerType, false, "Offset just after the match."),
          new Column("left", StringType, false, "At most --window characters of the sentence before the match (\u2026 where cut)."),
          new Column("match", StringType, false, "The match as written in the text."),
          new Column("right", StringType, false, "At most --window characters of the sentence after the match (\u2026 where cut).")));
}
