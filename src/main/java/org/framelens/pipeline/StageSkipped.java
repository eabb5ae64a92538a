package org.framelens.pipeline;

/** Thrown by {@link RunContext#skip}: the stage's analysis is undefined for this corpus. */
public final class StageSkipped extends RuntimeException {
  public StageSkipped(String reason) {
    super(reason, null, false, false);
  }
}
