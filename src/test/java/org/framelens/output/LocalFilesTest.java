package org.framelens.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.framelens.TestSpark;
import org.junit.jupiter.api.Test;

/** The local file system without chmod processes leaves every file and folder as Hadoop's own would. */
class LocalFilesTest {

  /** What each way of creating files leaves under root: name and permissions, in order. */
  private static List<String> written(FileSystem fs, java.nio.file.Path root) throws Exception {
    Path r = new Path(root.toUri());
    fs.mkdirs(new Path(r, "a/b"));
    try (var out = fs.create(new Path(r, "a/b/part-0.parquet"), true)) {
      out.write(new byte[] {1, 2, 3});
    }
    fs.mkdirs(new Path(r, "private"), new FsPermission((short) 0700));
    try (var out = fs.create(new Path(r, "private/own.json"), new FsPermission((short) 0640), true, 4096, (short) 1,
        1 << 20, null)) {
      out.write(4);
    }
    fs.setPermission(new Path(r, "a/b/part-0.parquet"), new FsPermission((short) 0604));
    fs.setPermission(new Path(r, "a"), new FsPermission((short) 0751));
    List<String> seen = new ArrayList<>();
    try (var walk = Files.walk(root)) {
      for (java.nio.file.Path p : walk.sorted().toList()) {
        seen.add(root.relativize(p) + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
      }
    }
    return seen;
  }

  @Test
  void filesAndFoldersGetTheSamePermissionsAsWithHadoopsOwnClass() throws Exception {
    Configuration hadoops = new Configuration();
    hadoops.set(LocalFiles.SETTING, LocalFileSystem.class.getName());
    Configuration ours = new Configuration();
    ours.set(LocalFiles.SETTING, LocalFiles.class.getName());
    java.net.URI local = java.net.URI.create("file:///");
    try (FileSystem theirs = FileSystem.newInstance(local, hadoops); FileSystem mine = FileSystem.newInstance(local, ours)) {
      assertInstanceOf(LocalFiles.class, mine);
      List<String> expected = written(theirs, TestSpark.tempDir("perm-hadoop"));
      assertEquals(expected, written(mine, TestSpark.tempDir("perm-ours")));
      // the checksum files, folders and the explicit modes are all there to compare
      assertEquals(8, expected.size(), expected.toString());
      org.junit.jupiter.api.Assertions.assertTrue(expected.contains("private/own.json rw-r-----"), expected.toString());
    }
  }

  @Test
  void theTestSessionWritesThroughIt() throws Exception {
    Path p = new Path(TestSpark.tempDir("perm-session").toUri());
    assertInstanceOf(LocalFiles.class, p.getFileSystem(TestSpark.get().sparkContext().hadoopConfiguration()));
  }
}
