package org.framelens.pipeline;

import java.util.List;

/**
 * A stage's part of the run's summary: the lines printed on the screen, the Markdown of report.md, and the charts
 * and tables of report/index.html.
 */
public record Section(String screen, String markdown, List<Chart> charts) {
  public Section(String screen, String markdown) {
    this(screen, markdown, List.of());
  }
}
