package org.framelens.pipeline;

import java.util.regex.Pattern;

/**
 * Removes credentials from text framelens writes (the run manifest, log lines that name paths, error messages):
 * user info written into URIs ({@code s3a://KEY:SECRET@bucket/...}, {@code https://user:pass@host/...}) and the
 * values of settings whose names say they are secret ({@code fs.s3a.secret.key=...}, {@code *password*},
 * {@code *token*}, {@code *credential*}, {@code *.access.key}, {@code *session.key}) written as {@code key=value}.
 * log4j2.properties applies the same two patterns to every log line, Spark's and Hadoop's included.
 */
public final class Redact {
  private Redact() {}

  // user:password@ (AWS secrets often hold a raw "/") or user@, up to the host.
  private static final Pattern USER_INFO =
      Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)(?:[^/@\\s\"':]+:[^@\\s\"']*|[^/@\\s\"']+)@");
  // A secret word as a whole part of a setting's name (fs.s3a.session.token, not n_tokens), then "=" and the value.
  private static final Pattern SECRET_SETTING = Pattern.compile("(?i)([\\w.-]*?(?<![a-z0-9])"
      + "(?:secret|password|passwd|token|credentials?|access[._-]?key|session[._-]?key)(?![a-z0-9])[\\w.-]*\\s*=\\s*)[^\\s,;&]+");

  public static String uris(String text) {
    return text == null ? null : USER_INFO.matcher(text).replaceAll("$1<redacted>@");
  }

  /** {@link #uris}, and the values of secret settings written as {@code key=value} (log lines, error messages). */
  public static String text(String text) {
    return text == null ? null : SECRET_SETTING.matcher(uris(text)).replaceAll("$1<redacted>");
  }
}
