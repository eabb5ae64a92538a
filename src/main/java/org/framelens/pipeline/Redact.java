package org.framelens.pipeline;

import java.util.regex.Pattern;

/**
 * Removes credentials written into URIs ({@code s3a://KEY:SECRET@bucket/...}, {@code https://user:pass@host/...})
 * from text framelens writes: the run manifest, log lines that name paths, error messages.
 */
public final class Redact {
  private Redact() {}

  private static final Pattern USER_INFO = Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s\"']+@");

  public static String uris(String text) {
    return text == null ? null : USER_INFO.matcher(text).replaceAll("$1<redacted>@");
  }
}
