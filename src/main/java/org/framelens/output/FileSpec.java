package org.framelens.output;

/**
 * A single file at the top of the output folder (the report), committed and replaced with the tables. A file
 * carries no side file, so its first line is its mark: framelens replaces only a file that begins with
 * {@code firstLine}.
 */
public record FileSpec(String name, String purpose, String firstLine) implements OutputSpec {}
