package org.framelens.storage;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline with its input, its side files (outlet aliases, actor dictionary, stop words) and every output
 * on HDFS (a NameNode and a DataNode on 127.0.0.1 in this JVM), read back from HDFS and compared row for row with
 * the same run on the local file system.
 */
class HdfsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static MiniDFSCluster dfs;
  private static String hdfs;

  @BeforeAll
  static void start() throws IOException {
    Configuration c = new Configuration();
    c.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, TestSpark.tempDir("hdfs").toString());
    c.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    dfs = new MiniDFSCluster.Builder(c).nameNodePort(0).numDataNodes(1).build();
    dfs.waitActive();
    hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
  }

  @AfterAll
  static void stop() {
    if (dfs != null) {
      dfs.shutdown();
    }
  }

  @Test
  void theWholePipelineReadsAndWritesHdfs() throws Exception {
    FileSystem fs = FileSystem.get(java.net.URI.create(hdfs), TestSpark.get().sparkContext().hadoopConfiguration());
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(Path.of("data/sample").toAbsolutePath().toUri()),
        new org.apache.hadoop.fs.Path(hdfs + "/corpora/sample"));
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(SidesSample.sides().toUri()), new org.apache.hadoop.fs.Path(hdfs + "/side"));

    Runs.all(SidesSample.settings(hdfs + "/corpora/sample", hdfs + "/out/sample", hdfs + "/side"));
    Path local = SidesSample.localRun().getParent();   // the same run on the local disk, shared with S3IT

    JsonNode manifest;
    try (var in = fs.open(new org.apache.hadoop.fs.Path(hdfs + "/out/sample/run_manifest.json"))) {
      manifest = JSON.readTree(in);
    }
    JsonNode localManifest = JSON.readTree(local.resolve("out/run_manifest.json").toFile());
    assertEquals(localManifest.get("tables").size(), manifest.get("tables").size());
    assertTrue(manifest.get("tables").size() >= 16, manifest.get("tables").toString());
    assertEquals(5, manifest.at("/counts/documents").asLong(-1), manifest.get("counts").toString());
    assertEquals(5, manifest.at("/input/n_files").asLong() - 1, "5 texts and the manifest, listed on HDFS");

    String hdfsRoot = hdfs + "/corpora/sample";
    String localRoot = "file:" + Path.of("data/sample").toAbsolutePath();
    for (var it = manifest.get("tables").fieldNames(); it.hasNext(); ) {
      String t = it.next();
      List<String> fromHdfs = rows(hdfs + "/out/sample/" + t, hdfsRoot);
      List<String> fromDisk = rows(local.resolve("out").resolve(t).toString(), localRoot);
      assertEquals(fromDisk, fromHdfs, t);
      assertEquals(manifest.at("/tables/" + t + "/rows").asLong(), fromHdfs.size(), t);
    }
    // Actor dictionary, aliases and stop words were read from HDFS: they shaped the tables compared above.
    assertTrue(rows(hdfs + "/out/sample/entities", hdfsRoot).stream().anyMatch(r -> r.contains("per:pedro_castillo")));
    assertTrue(rows(hdfs + "/out/sample/documents", hdfsRoot).stream().anyMatch(r -> r.contains("La Jornada (Mexico)")));
    assertFalse(rows(hdfs + "/out/sample/outlet_terms", hdfsRoot).stream().anyMatch(r -> r.contains(",peru,")));

    Map<String, Long> graphs = new TreeMap<>();
    for (var st : fs.listStatus(new org.apache.hadoop.fs.Path(hdfs + "/out/sample/graphs"))) {
      graphs.put(st.getPath().getName(), st.getLen());
    }
    Map<String, Long> localGraphs = new TreeMap<>();
    try (var files = Files.list(local.resolve("out/graphs"))) {
      for (Path p : files.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
        localGraphs.put(p.getFileName().toString(), Files.size(p));
      }
    }
    assertEquals(localGraphs, graphs);
    assertFalse(fs.exists(new org.apache.hadoop.fs.Path(hdfs + "/out/sample/_staging")));
  }

  /** A table's rows, sorted, as text, with the input root replaced and without the one timing column. */
  private static List<String> rows(String table, String inputRoot) {
    return TestSpark.get().read().parquet(table).drop("seconds").collectAsList().stream()
        .map(r -> r.toString().replace(inputRoot, "<input>")).sorted().toList();
  }
}
