package org.framelens.cli;

import org.framelens.output.Tables;
import picocli.CommandLine.Command;

@Command(name = "tables", mixinStandardHelpOptions = true,
    description = "Print the documentation of every output (the text of docs/tables.md).")
final class TablesCommand implements Runnable {
  @Override
  public void run() {
    System.out.print(Tables.markdown(new StageSet().outputs()));
  }
}
