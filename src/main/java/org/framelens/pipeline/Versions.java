package org.framelens.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions of framelens and what it runs on, from the build (version.properties) and the running JVM. */
public final class Versions {
  private Versions() {}

  private static final Properties BUILD = new Properties();

  static {
    try (InputStream in = Versions.class.getResourceAsStream("/org/framelens/version.properties")) {
      if (in != null) {
        BUILD.load(in);
      }
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  public static String framelens() {
    return BUILD.getProperty("version", "unknown");
  }

  public static Map<String, String> all(String sparkVersion) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("framelens", framelens());
    v.put("spark", sparkVersion);
    v.put("scala", scala.util.Properties.versionNumberString());
    v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    v.put("lucene", org.apache.lucene.util.Version.LATEST.toString());
    v.put("hadoop", org.apache.hadoop.util.VersionInfo.getVersion());
    v.put("icu", com.ibm.icu.util.VersionInfo.ICU_VERSION.toString());
    return v;
  }
}
