package org.framelens.output;

/**
 * Something a stage writes into the output folder, under its own name: a table, a folder of other files (saved
 * models, graphs), or a single file (the report). Each kind has its own mark of ownership, so that a run can tell
 * what framelens wrote from what a user put there, and never replaces the latter.
 */
public sealed interface OutputSpec permits TableSpec, FolderSpec, FileSpec {
  String name();

  String purpose();
}
