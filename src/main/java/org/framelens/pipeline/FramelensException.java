package org.framelens.pipeline;

/** An error the user can act on; the CLI prints its message alone, without a stack trace. */
public class FramelensException extends RuntimeException {
  public FramelensException(String message) {
    super(message);
  }

  public FramelensException(String message, Throwable cause) {
    super(message, cause);
  }
}
