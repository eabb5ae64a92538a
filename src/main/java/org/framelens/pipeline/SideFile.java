package org.framelens.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A list a stage reads before any work: the file a user gives (local, hdfs://, s3a://) or, without one, the list
 * bundled beside the stage's class. Its lines, all of them, so that a parser can name the line it refuses.
 */
public final class SideFile {
  private SideFile() {}

  /**
   * @param path the user's file, or null for the bundled {@code resource} of {@code owner}
   * @param what what the list is, for the messages ("the reporting-verb list")
   */
  public static List<String> lines(String path, Class<?> owner, String resource, String what, Configuration conf) {
    try {
      if (path == null) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
          return read(in);
        }
      }
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);   // cached by Hadoop: never closed here
      if (!fs.exists(p)) {
        throw new FramelensException(what + " " + path + " does not exist");
      }
      try (InputStream in = fs.open(p)) {
        return read(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + what + " " + (path == null ? resource : path) + ": " + e.getMessage(), e);
    }
  }

  private static List<String> read(InputStream in) throws IOException {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
  }
}
