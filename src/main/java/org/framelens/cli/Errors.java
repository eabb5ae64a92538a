package org.framelens.cli;

import org.framelens.pipeline.FramelensException;
import org.framelens.pipeline.Redact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Failures as one clear line on stderr: the user's mistakes (FramelensException, bad arguments) without a stack
 * trace, anything else with its cause chain summarised and the trace in the log at DEBUG.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger("org.framelens.cli");

  @Override
  public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    Throwable user = find(e, FramelensException.class);
    if (user == null) {
      user = find(e, IllegalArgumentException.class);
    }
    if (user != null) {
      cl.getErr().println("framelens: error: " + Redact.text(user.getMessage()));
      LOG.debug("stack trace", e);
      return 1;
    }
    StringBuilder causes = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      causes.append(causes.length() == 0 ? "" : "\n  caused by: ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
    }
    cl.getErr().println("framelens: failed: " + Redact.text(causes.toString()) + "\n(run with FRAMELENS_LOG_LEVEL=debug for the stack trace)");
    LOG.debug("stack trace", e);
    return 1;
  }

  private static Throwable find(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }
}
