package org.framelens.groups;

import java.io.Serializable;
import picocli.CommandLine.Option;

/** What a group of documents is: read by keyness and by the report alike, so that both group the same way. */
public class GroupOptions implements Serializable {

  @Option(names = "--group-by",
      description = "Document column that defines the groups: outlet, author or another column of documents, or any input field kept in extra, e.g. label (default: ${DEFAULT-VALUE}).")
  public String groupBy = "outlet";
}
