package org.framelens.cli;

import org.framelens.output.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tables", mixinStandardHelpOptions = true,
    description = "Print the documentation of every output (the text of docs/tables.md).")
final class TablesCommand implements Runnable {
  @Option(names = "--stages", description = "Print instead the stages' contracts: what each requires, provides and reads (the table of docs/architecture.md).")
  boolean stages;

  @Override
  public void run() {
    System.out.print(stages ? new StageSet().markdown() : Tables.markdown(new StageSet().outputs()));
  }
}
