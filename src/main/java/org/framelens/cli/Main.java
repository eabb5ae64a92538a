package org.framelens.cli;

import org.framelens.pipeline.Versions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The framelens command line: `run` for the whole pipeline, one subcommand per stage. */
@Command(name = "framelens", mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "How news outlets frame the same events: a Spark pipeline over a corpus of articles.",
    subcommands = {RunCommand.class, IngestCommand.class, TermsCommand.class, DistinctiveCommand.class, TopicsCommand.class,
        EntitiesCommand.class, QuotesCommand.class, EventsCommand.class, KwicCommand.class, ReportCommand.class, TablesCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(new Errors());
    return cl.execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"framelens " + Versions.framelens()};
    }
  }
}
