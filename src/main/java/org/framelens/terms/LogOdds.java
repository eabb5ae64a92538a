package org.framelens.terms;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;

/**
 * The weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &amp; Quinn 2008, eq. 16 and 18):
 * counts y (target) and yr (reference) of a word, their totals ng and nr, the prior's size a0 and the word's share
 * alpha of it. Shared by the keyness of whole groups and the framing within events.
 */
public final class LogOdds {
  private LogOdds() {}

  /**
   * whole: the word is all of the prior's counts at its level (its share is 1, as when a small corpus has one
   * phrase of three words). Then each side writes it and nothing else there, so neither writes it more: 0, where
   * the formula's odds divide by 0 (an error under ANSI SQL, which failed the whole stage).
   */
  public static Column delta(Column y, Column yr, Column ng, Column nr, Column a0, Column alpha, Column whole) {
    return when(whole, lit(0.0)).otherwise(log(y.plus(alpha).divide(ng.plus(a0).minus(y).minus(alpha)))
        .minus(log(yr.plus(alpha).divide(nr.plus(a0).minus(yr).minus(alpha)))));
  }

  /** delta over the square root of its approximate variance, 1/(y + alpha) + 1/(yr + alpha). */
  public static Column z(Column delta, Column y, Column yr, Column alpha) {
    return delta.divide(sqrt(lit(1.0).divide(y.plus(alpha)).plus(lit(1.0).divide(yr.plus(alpha)))));
  }
}
