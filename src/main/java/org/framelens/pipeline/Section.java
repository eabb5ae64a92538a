package org.framelens.pipeline;

/** A stage's part of the run's summary: the lines printed on the screen, and the Markdown of report.md. */
public record Section(String screen, String markdown) {}
