package org.framelens.corpus;

import static org.apache.spark.sql.types.DataTypes.*;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The common shape every reader produces: one row per input record, either a candidate document (reason null) or a
 * record to quarantine (reason set). Keeping both in one dataset is what lets the ingest stage prove that
 * documents + quarantine = input records.
 */
public final class Raw {
  private Raw() {}

  public static final StructType SCHEMA = new StructType()
      .add("source", StringType, false)
      .add("position", LongType, false)
      .add("doc_id", StringType, true)
      .add("outlet_raw", StringType, true)
      .add("published_raw", StringType, true)
      .add("author", StringType, true)
      .add("title", StringType, true)
      .add("url", StringType, true)
      .add("text", StringType, true)
      .add("extra", DataTypes.createMapType(StringType, StringType, true), false)
      .add("reason", StringType, true)
      .add("detail", StringType, true)
      .add("record", StringType, true);

  static final int EXCERPT = 1000;

  static Row document(String source, long position, String id, String outlet, String published, String author,
      String title, String url, String text, Map<String, String> extra) {
    return RowFactory.create(source, position, id, outlet, published, author, title, url, text,
        scala.jdk.javaapi.CollectionConverters.asScala(extra), null, null, null);
  }

  static Row quarantined(String source, long position, String id, Reason reason, String detail, String record) {
    return RowFactory.create(source, position, id, null, null, null, null, null, null,
        scala.jdk.javaapi.CollectionConverters.asScala(Map.<String, String>of()), reason.code, detail, excerpt(record));
  }

  static String excerpt(String s) {
    return s == null || s.length() <= EXCERPT ? s : s.substring(0, EXCERPT);
  }

  /** Why a record is quarantined; the codes are part of the quarantine table's contract. */
  public enum Reason {
    MALFORMED_JSON("malformed_json"), MALFORMED_CSV("malformed_csv"), INVALID_UTF8("invalid_utf8"),
    MISSING_ID("missing_id"), EMPTY_TEXT("empty_text"), EMPTY_AFTER_CLEANING("empty_after_cleaning"),
    DUPLICATE_ID("duplicate_id"), UNREADABLE_FILE("unreadable_file"), MISSING_FILE("missing_file"),
    NO_MANIFEST_ROW("no_manifest_row"), OUTSIDE_INPUT_ROOT("outside_input_root"), TOO_LARGE("too_large"),
    WRONG_TYPE("wrong_type");

    public final String code;

    Reason(String code) {
      this.code = code;
    }
  }
}
