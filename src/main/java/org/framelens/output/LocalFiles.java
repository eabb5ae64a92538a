package org.framelens.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system ({@code file:}), but giving a new file or folder its permissions through java.nio
 * instead of a {@code chmod} process. Without Hadoop's native library, which no Maven artifact ships,
 * RawLocalFileSystem forks {@code chmod} for every file and folder it creates (a Parquet part, its checksum file,
 * each staging folder): 15 to 20 ms per file on this machine against under 1 ms, so that on the sample corpus and in
 * the tests those processes, not the data, were a tenth of the writes' time. Hadoop has no setting for it, hence
 * this class; the permissions set are the same (LocalFilesTest compares them with Hadoop's own), and a sticky bit, a
 * loaded native library or a file system without POSIX permissions takes Hadoop's own path. cli.SparkOptions and
 * the test session use it on a local master only: a cluster's executors keep Hadoop's class.
 */
public final class LocalFiles extends LocalFileSystem {
  /** The Hadoop setting that names the {@code file:} scheme's class. */
  public static final String SETTING = "fs.file.impl";

  public LocalFiles() {
    super(new Raw());
  }

  /** The raw (checksum-less) file system underneath, with the one method changed. */
  public static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (permission.getStickyBit() || NativeIO.isAvailable()) {
        super.setPermission(p, permission);
        return;
      }
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), PosixFilePermissions.fromString(permission.toString()));
      } catch (UnsupportedOperationException e) {
        super.setPermission(p, permission);
      }
    }
  }
}
