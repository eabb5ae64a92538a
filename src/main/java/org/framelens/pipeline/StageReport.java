package org.framelens.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one stage did, for the log and the run manifest. */
public final class StageReport {
  public final String name;
  public double seconds;
  public final Map<String, Object> figures = new LinkedHashMap<>();

  StageReport(String name) {
    this.name = name;
  }
}
