package org.framelens.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one stage did, for the log and the run manifest. */
final class StageReport {
  final String name;
  String status = "ran";
  String reason;
  double seconds;
  /** Counts that describe the stage's outputs (records, documents, vocabulary, ...). */
  final Map<String, Object> counts = new LinkedHashMap<>();
  /** Figures of the run itself (documents and tokens processed, partitions, ...). */
  final Map<String, Object> figures = new LinkedHashMap<>();
  /** What the stage staged. */
  final java.util.Set<String> outputs = new java.util.LinkedHashSet<>();

  StageReport(String name) {
    this.name = name;
  }
}
