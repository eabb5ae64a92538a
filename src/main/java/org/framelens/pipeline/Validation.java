package org.framelens.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * What {@link Stage#validate} checks against: the Hadoop configuration (to read side files wherever they are) and
 * the list of problems found, so that one run reports every bad option at once.
 */
public final class Validation {
  private final Configuration hadoop;
  private final List<String> problems = new ArrayList<>();

  public Validation(Configuration hadoop) {
    this.hadoop = hadoop;
  }

  public Configuration hadoop() {
    return hadoop;
  }

  /** Records a problem unless {@code ok}: the option, the value given, and what would be valid. */
  public void require(boolean ok, String option, Object value, String valid) {
    if (!ok) {
      problems.add(option + " " + value + ": " + valid);
    }
  }

  public void problem(String message) {
    problems.add(message);
  }

  /** Runs a check that reads something (a dictionary), recording its failure as a problem. */
  public void check(Runnable check) {
    try {
      check.run();
    } catch (FramelensException | IllegalArgumentException | java.io.UncheckedIOException e) {
      problems.add(e.getMessage());
    }
  }

  List<String> problems() {
    return problems;
  }
}
