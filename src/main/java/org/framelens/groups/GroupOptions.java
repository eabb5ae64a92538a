package org.framelens.groups;

import java.io.Serializable;
import picocli.CommandLine.Option;

/**
 * What a group of documents is, for keyness (and any later stage that compares groups); the report groups documents
 * by the grouping the distinctive_terms table records, through the same {@link Groups}.
 */
public class GroupOptions implements Serializable {

  @Option(names = "--group-by",
      description = "Document column that defines the groups: outlet, author or another column of documents, or any input field kept in extra, e.g. label (default: ${DEFAULT-VALUE}).")
  public String groupBy = "outlet";
}
