package org.framelens.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

class RedactTest {
  private static final String LINE = "s3a://AKIAKEY:se/cret@bucket/in and fs.s3a.secret.key=SECRET1,"
      + " spark.hadoop.fs.s3a.access.key = AKIAKEY2 fs.s3a.session.token=TOK3; db.password=PW4"
      + " my.credentials=CRED5 n_tokens=12 tokens=13 keys=14";
  private static final String REDACTED = "s3a://<redacted>@bucket/in and fs.s3a.secret.key=<redacted>,"
      + " spark.hadoop.fs.s3a.access.key = <redacted> fs.s3a.session.token=<redacted>; db.password=<redacted>"
      + " my.credentials=<redacted> n_tokens=12 tokens=13 keys=14";

  @Test
  void credentialsInUrisAndSecretSettingsAreRemovedOtherNumbersKept() {
    assertEquals(REDACTED, Redact.text(LINE));
    assertEquals("hdfs://127.0.0.1:9000/x and https://<redacted>@h/p",
        Redact.uris("hdfs://127.0.0.1:9000/x and https://u:p@h/p"));
  }

  /** The console layout of src/main/resources/log4j2.properties applies the same patterns, also to stack traces. */
  @Test
  void theLogLayoutRedactsMessagesAndExceptions() {
    Layout<?> layout = ((LoggerContext) LogManager.getContext(false)).getConfiguration().getAppender("console").getLayout();
    Log4jLogEvent event = Log4jLogEvent.newBuilder().setLoggerName("org.apache.hadoop.fs.s3a.S3AFileSystem")
        .setLevel(Level.WARN).setMessage(new SimpleMessage(LINE))
        .setThrown(new IllegalStateException("cannot open s3a://AKIAKEY:se/cret@bucket/x")).build();
    String written = new String(layout.toByteArray(event), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(written.contains("S3AFileSystem: " + REDACTED), written);
    assertTrue(written.contains("IllegalStateException: cannot open s3a://<redacted>@bucket/x"), written);
    for (String secret : new String[] {"AKIAKEY", "se/cret", "SECRET1", "TOK3", "PW4", "CRED5"}) {
      assertFalse(written.contains(secret), written);
    }
  }
}
