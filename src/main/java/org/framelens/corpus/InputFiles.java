package org.framelens.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files behind --input, through Hadoop's FileSystem (local, hdfs://, s3a://): which format they are, and a
 * listing (path, bytes, modification time) that goes into the run manifest as the input fingerprint.
 */
public final class InputFiles {
  private static final Logger LOG = LoggerFactory.getLogger(InputFiles.class);

  public record FileEntry(String path, long bytes, long modified) {}

  public final IngestOptions.Format format;
  public final String root;           // the folder of a text corpus, or the input path as given
  public final String manifest;       // text corpora only
  public final List<FileEntry> files;
  /** Links inside the input folder that lead outside it: never read, quarantined as outside_input_root. */
  public final List<FileEntry> outside;
  /** Files of the run's own output folder (when it lies inside the input) that were left out of the listing. */
  public final int outputFilesLeftOut;

  private InputFiles(IngestOptions.Format format, String root, String manifest, List<FileEntry> files,
      List<FileEntry> outside, int outputFilesLeftOut) {
    this.outputFilesLeftOut = outputFilesLeftOut;
    this.format = format;
    this.root = root;
    this.manifest = manifest;
    this.files = files;
    this.outside = outside;
  }

  public List<String> paths() {
    return files.stream().map(FileEntry::path).toList();
  }

  public long bytes() {
    return files.stream().mapToLong(FileEntry::bytes).sum();
  }

  /**
   * At most this many files are named in the run manifest: a text corpus is a file per article, and a manifest of a
   * million entries would outweigh the tables. The count and the digest cover every file.
   */
  public static final int MANIFEST_FILES = 1_000;

  /** The files the run manifest names: the first {@link #MANIFEST_FILES} in path order (the listing's own). */
  public List<FileEntry> manifestListing() {
    return files.subList(0, Math.min(files.size(), MANIFEST_FILES));
  }

  /** SHA-256 over the sorted listing: changes when any file is added, removed, resized or touched. */
  public String listingDigest() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      files.stream().sorted((a, b) -> a.path().compareTo(b.path())).forEach(f ->
          md.update((f.path() + '\t' + f.bytes() + '\t' + f.modified() + '\n').getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static InputFiles resolve(SparkSession spark, IngestOptions options) {
    return resolve(spark, options, null);
  }

  /**
   * The listing of --input, less the files of {@code outputRoot} (the run's --output as a qualified path, as
   * {@code OutputStore.root()} gives it; another file system's never matches) where that
   * folder lies inside an input folder: otherwise a run would read the tables, manifest and report of the one
   * before it. An input that lies inside the output (an earlier run's table, given on purpose) is read as it is.
   */
  public static InputFiles resolve(SparkSession spark, IngestOptions options, String outputRoot) {
    if (options.input == null || options.input.isBlank()) {
      throw new IllegalArgumentException("no input: give --input PATH (a folder, a file or a glob)");
    }
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try {
      Path input = new Path(options.input);
      FileSystem fs = input.getFileSystem(conf);
      FileStatus[] matched = fs.globStatus(input);
      if (matched == null || matched.length == 0) {
        throw new IllegalArgumentException("the input " + options.input + " does not exist");
      }
      boolean folder = matched.length == 1 && matched[0].isDirectory();
      List<FileEntry> files = new ArrayList<>();
      String output = outputRoot == null ? null : outputRoot.replaceAll("/+$", "");   // qualified by OutputStore
      // Qualified Hadoop paths on both sides. An input (folder, file or glob, as given) at or below the output is
      // read as it is; otherwise whatever the listing finds at or below the output is left out.
      boolean leaveOutOutput = output != null && !within(fs.makeQualified(input).toString(), output);
      int leftOut = 0;
      for (FileStatus st : matched) {
        if (leaveOutOutput && within(st.getPath().toString(), output)) {   // a glob that matches the output folder
          leftOut += st.isDirectory() ? count(fs, st.getPath()) : 1;
        } else if (st.isDirectory()) {
          List<FileStatus> below = new ArrayList<>();
          eachFile(fs, st.getPath(), below::add);
          for (FileStatus f : below) {
            if (leaveOutOutput && within(f.getPath().toString(), output)) {
              leftOut++;
            } else if (!hidden(f.getPath())) {
              files.add(new FileEntry(f.getPath().toString(), f.getLen(), f.getModificationTime()));
            }
          }
        } else {
          files.add(new FileEntry(st.getPath().toString(), st.getLen(), st.getModificationTime()));
        }
      }
      if (leftOut > 0) {
        LOG.info("{} file(s) of the output folder {}, which lies inside the input, are left out of the input", leftOut,
            org.framelens.pipeline.Redact.uris(output));
      }
      files.sort((a, b) -> a.path().compareTo(b.path()));
      List<FileEntry> outside = new ArrayList<>();
      if (folder) {
        Confinement inside = Confinement.of(fs, matched[0].getPath());
        outside = files.stream().filter(f -> !inside.contains(new Path(f.path()))).toList();
        files.removeAll(outside);
        outside.forEach(f -> LOG.warn("{} leads outside the input folder: it is not read", f.path()));
      }
      String root = folder ? matched[0].getPath().toString() : options.input;
      String manifest = options.manifest;
      if (manifest == null && folder && fs.exists(new Path(matched[0].getPath(), "manifest.csv"))) {
        manifest = new Path(matched[0].getPath(), "manifest.csv").toString();
      }
      IngestOptions.Format format = options.format != IngestOptions.Format.auto ? options.format
          : detect(files, manifest != null && folder, options.input);
      if (format == IngestOptions.Format.text) {
        if (!folder) {
          throw new IllegalArgumentException("--format text needs a folder as --input, not " + options.input);
        }
        if (manifest == null) {
          throw new IllegalArgumentException("the text folder " + options.input
              + " has no manifest.csv: give --manifest CSV (columns file, outlet, author, published, title)");
        }
        if (!new Path(manifest).getFileSystem(conf).exists(new Path(manifest))) {
          throw new IllegalArgumentException("the manifest " + manifest + " does not exist");
        }
      } else {
        List<FileEntry> other = files.stream().filter(f -> !matches(format, f.path())).toList();
        if (!other.isEmpty()) {   // said, not silently passed over: a stray file may be a corpus part misnamed
          LOG.warn("{} file(s) under {} are not {} files and are not read: {}{}", other.size(), options.input, format,
              other.stream().limit(5).map(FileEntry::path).toList(), other.size() > 5 ? " ..." : "");
        }
        files = files.stream().filter(f -> matches(format, f.path())).toList();
        if (files.isEmpty()) {
          throw new IllegalArgumentException("no " + format + " files under " + options.input);
        }
      }
      List<FileEntry> outsideOfFormat = format == IngestOptions.Format.text ? outside
          : outside.stream().filter(f -> matches(format, f.path())).toList();
      return new InputFiles(format, root, manifest, files, outsideOfFormat, leftOut);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the input " + options.input + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether a listed file really lies under the input folder once links are followed. Hadoop lists a linked file
   * or folder under the link's own path, so the check resolves it: through java.nio on the local file system, and
   * through FileSystem.resolvePath where the file system has links at all (HDFS keeps them off by default).
   */
  private record Confinement(FileSystem fs, java.nio.file.Path localRoot, Path root) {
    static Confinement of(FileSystem fs, Path root) throws IOException {
      if ("file".equals(fs.getUri().getScheme())) {
        return new Confinement(fs, java.nio.file.Paths.get(root.toUri()).toRealPath(), null);
      }
      return new Confinement(fs, null, fs.supportsSymlinks() ? fs.resolvePath(root) : null);
    }

    boolean contains(Path file) {
      try {
        if (localRoot != null) {
          return java.nio.file.Paths.get(file.toUri()).toRealPath().startsWith(localRoot);
        }
        if (root == null) {
          return true;
        }
        return (fs.resolvePath(file).toUri().getPath() + "/").startsWith(root.toUri().getPath() + "/");
      } catch (IOException e) {
        return false;   // a dangling link: nothing inside the folder to read
      }
    }
  }

  private static int count(FileSystem fs, Path folder) throws IOException {
    int[] n = {0};
    eachFile(fs, folder, f -> ++n[0] > 0);
    return n[0];
  }

  /**
   * Visits every file below a folder while {@code more} returns true; returns false when it stopped early. Hadoop's
   * listFiles gives LocatedFileStatus, whose constructor reads each file's permissions, and Hadoop's local file system
   * reads them by forking a process per file when its native library is absent, as it is from every Maven artifact:
   * 12.5 s to list a folder of 1,007 articles here. The local file system is therefore walked folder by folder with
   * listStatus, whose entries read permissions only when asked (Spark's file index avoids the same cost); other
   * stores keep their recursive listing, a request per page on S3.
   */
  public static boolean eachFile(FileSystem fs, Path folder, java.util.function.Predicate<FileStatus> more)
      throws IOException {
    if (!(fs instanceof org.apache.hadoop.fs.LocalFileSystem || fs instanceof org.apache.hadoop.fs.RawLocalFileSystem)) {
      for (RemoteIterator<LocatedFileStatus> it = fs.listFiles(folder, true); it.hasNext(); ) {
        if (!more.test(it.next())) {
          return false;
        }
      }
      return true;
    }
    for (RemoteIterator<FileStatus> it = fs.listStatusIterator(folder); it.hasNext(); ) {
      FileStatus f = it.next();
      if (f.isDirectory() ? !eachFile(fs, f.getPath(), more) : !more.test(f)) {
        return false;
      }
    }
    return true;
  }

  /** Whether a qualified path is the folder {@code root} (qualified, without a final '/') or lies below it. */
  private static boolean within(String path, String root) {
    return path.equals(root) || path.startsWith(root + "/");
  }

  private static boolean hidden(Path p) {
    String n = p.getName();
    return n.startsWith(".") || n.startsWith("_");
  }

  private static String lower(String path) {
    return path.toLowerCase(Locale.ROOT);
  }

  private static boolean matches(IngestOptions.Format format, String path) {
    String p = lower(path).replaceFirst("\\.(gz|bz2|deflate|zst|lz4|snappy)$", "");
    return switch (format) {
      case jsonl -> p.endsWith(".jsonl") || p.endsWith(".json") || p.endsWith(".ndjson");
      case csv -> p.endsWith(".csv") || p.endsWith(".tsv");
      case parquet -> p.endsWith(".parquet");
      default -> true;
    };
  }

  private static IngestOptions.Format detect(List<FileEntry> files, boolean folderWithManifest, String input) {
    if (folderWithManifest) {
      return IngestOptions.Format.text;
    }
    for (IngestOptions.Format f : List.of(IngestOptions.Format.jsonl, IngestOptions.Format.parquet, IngestOptions.Format.csv)) {
      if (!files.isEmpty() && files.stream().allMatch(e -> matches(f, e.path()))) {
        return f;
      }
    }
    for (IngestOptions.Format f : List.of(IngestOptions.Format.jsonl, IngestOptions.Format.parquet, IngestOptions.Format.csv)) {
      if (files.stream().anyMatch(e -> matches(f, e.path()))) {
        return f;
      }
    }
    throw new IllegalArgumentException("cannot tell the format of " + input
        + " from its file names (.jsonl/.json/.ndjson[.gz], .csv, .parquet, or a folder with manifest.csv): give --format");
  }

  /**
   * A listed file's path as a pattern that matches only that file. Spark's readers and Hadoop's FileInputFormat take
   * their paths as globs, and some of them as comma-separated lists (Spark's multi-line CSV, Hadoop's
   * setInputPaths(String)), so a file named {@code a{1}.txt}, {@code [draft].csv} or {@code Smith, Jones.jsonl}
   * failed the whole run ("Illegal file pattern", "matches 0 files") or read another file. Glob characters are
   * escaped with a backslash, and a comma becomes <code>{\,}</code>, a one-way alternation that comma-splitting leaves
   * whole. Paths without such characters are passed unchanged: an escaped pattern costs a listing of its folder.
   */
  static String literal(String path) {
    if (path.chars().noneMatch(c -> c == ',' || GLOB_CHARS.indexOf(c) >= 0)) {
      return path;
    }
    StringBuilder sb = new StringBuilder(path.length() + 8);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == ',') {
        sb.append("{\\,}");
      } else {
        if (GLOB_CHARS.indexOf(c) >= 0) {
          sb.append('\\');
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static final String GLOB_CHARS = "\\{}[]*?";

  static String qualify(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
