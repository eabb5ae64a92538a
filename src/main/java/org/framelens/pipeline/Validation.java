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
  private final String output;
  /** A set: two stages reading one option (the stop words) report its problem once. */
  private final java.util.Set<String> problems = new java.util.LinkedHashSet<>();

  public Validation(Configuration hadoop, String output) {
    this.hadoop = hadoop;
    this.output = output;
  }

  public Configuration hadoop() {
    return hadoop;
  }

  /** The run's --output, as given. */
  public String output() {
    return output;
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

  /** Runs a check of what an option names (a dictionary, a file), recording its failure as a problem of the option. */
  public void check(String option, Runnable check) {
    try {
      check.run();
    } catch (FramelensException | IllegalArgumentException | java.io.UncheckedIOException e) {
      problems.add(e.getMessage().startsWith(option) ? e.getMessage() : option + ": " + e.getMessage());
    }
  }

  List<String> problems() {
    return new ArrayList<>(problems);
  }
}
