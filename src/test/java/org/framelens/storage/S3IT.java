package org.framelens.storage;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.framelens.Jvm;
import org.framelens.Runs;
import org.framelens.TableRows;
import org.framelens.TestSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline against an S3-compatible server running as its own process (s3proxy on 127.0.0.1, objects in
 * a temp folder): `framelens run` (the launcher's JVM) reads the sample corpus and its side files (outlet aliases,
 * actor dictionary, stop words) from s3a:// and writes every output there, with the credentials in the environment as AWS's default provider chain reads
 * them. The tables read back from S3 equal the local run's, and neither the access key nor the secret appears in
 * the run's log or in run_manifest.json.
 */
class S3IT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "framelens";
  // Random per run, so that finding them anywhere can only mean they leaked from this run.
  private static final String KEY = "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
  private static final String SECRET = UUID.randomUUID() + "/" + UUID.randomUUID();
  private static Process server;
  private static String endpoint;
  private static Path work;

  @BeforeAll
  static void startServer() throws Exception {
    work = TestSpark.tempDir("s3");
    Path objects = Files.createDirectories(work.resolve("objects/" + BUCKET));   // a folder is a bucket
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    endpoint = "http://127.0.0.1:" + port;
    Path conf = work.resolve("s3proxy.conf");
    Files.writeString(conf, String.join("\n",
        "s3proxy.endpoint=" + endpoint, "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + KEY, "s3proxy.credential=" + SECRET,
        "jclouds.provider=filesystem", "jclouds.identity=" + KEY, "jclouds.credential=" + SECRET,
        "jclouds.filesystem.basedir=" + objects.getParent(), ""));
    Path jar = Path.of("target/it-tools/s3proxy.jar");
    assertTrue(Files.exists(jar), "no " + jar + ": run mvn verify (its pre-integration-test phase copies it)");
    server = new ProcessBuilder(Jvm.java(), "-Xmx256m", "-Djava.io.tmpdir=" + work, "-jar", jar.toString(),
        "--properties", conf.toString()).redirectErrorStream(true).redirectOutput(work.resolve("s3proxy.log").toFile()).start();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        break;
      } catch (IOException notYet) {
        assertTrue(server.isAlive() && System.nanoTime() < end, "s3proxy did not start: " + Files.readString(work.resolve("s3proxy.log")));
        Thread.sleep(300);
      }
    }
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  @Test
  void theWholePipelineReadsAndWritesS3WithoutLeakingTheCredentials() throws Exception {
    Configuration c = new Configuration(TestSpark.get().sparkContext().hadoopConfiguration());
    s3aSettings().forEach(c::set);
    c.set("fs.s3a.access.key", KEY);   // the test's own client; the run gets them from its environment
    c.set("fs.s3a.secret.key", SECRET);
    c.set("fs.s3a.buffer.dir", work.resolve("buffer").toString());
    c.setBoolean("fs.s3a.impl.disable.cache", true);
    FileSystem s3 = FileSystem.get(URI.create("s3a://" + BUCKET + "/"), c);
    s3.copyFromLocalFile(new org.apache.hadoop.fs.Path(Path.of("data/sample").toAbsolutePath().toUri()),
        new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/corpora/sample"));
    s3.copyFromLocalFile(new org.apache.hadoop.fs.Path(SidesSample.sides().toUri()), new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/side"));

    String out = "s3a://" + BUCKET + "/out/sample";
    List<String> cmd = new ArrayList<>(List.of(Jvm.java(), "-Xmx2g"));
    cmd.addAll(Jvm.sparkOpens());
    cmd.addAll(List.of("-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")), "-cp",
        Jvm.launcherClasspath(), "org.framelens.cli.Main",
        "run", "--input", "s3a://" + BUCKET + "/corpora/sample", "--output", out));
    cmd.addAll(SidesSample.options("s3a://" + BUCKET + "/side"));
    s3aSettings().forEach((k, v) -> cmd.addAll(List.of("--conf", "spark.hadoop." + k + "=" + v)));
    cmd.addAll(List.of("--conf", "spark.hadoop.fs.s3a.buffer.dir=" + work.resolve("buffer")));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("run.log").toFile());
    pb.environment().put("AWS_ACCESS_KEY_ID", KEY);
    pb.environment().put("AWS_SECRET_ACCESS_KEY", SECRET);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process run = pb.start();
    assertTrue(run.waitFor(15, TimeUnit.MINUTES), "the run did not finish in 15 minutes");
    String log = Files.readString(work.resolve("run.log"));
    assertEquals(0, run.exitValue(), log);

    String manifest;
    try (var in = s3.open(new org.apache.hadoop.fs.Path(out + "/run_manifest.json"))) {
      manifest = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    for (String secret : List.of(KEY, SECRET)) {
      assertFalse(log.contains(secret), "a credential is in the run's log");
      assertFalse(manifest.contains(secret), "a credential is in run_manifest.json");
    }
    assertTrue(log.contains("outputs committed to s3a://" + BUCKET + "/out/sample"), "the run did not commit to S3");

    Path local = SidesSample.localRun();   // the same run on the local disk, shared with HdfsIT
    JsonNode tables = JSON.readTree(manifest).get("tables");
    assertEquals(JSON.readTree(local.resolve("run_manifest.json").toFile()).get("tables").size(), tables.size());
    assertTrue(tables.size() >= 16, tables.toString());
    Configuration session = TestSpark.get().sparkContext().hadoopConfiguration();   // the test session reads S3 back
    s3aSettings().forEach(session::set);
    session.set("fs.s3a.access.key", KEY);
    session.set("fs.s3a.secret.key", SECRET);
    session.set("fs.s3a.buffer.dir", work.resolve("buffer").toString());
    for (var it = tables.fieldNames(); it.hasNext(); ) {
      String t = it.next();
      String inS3 = "s3a://" + BUCKET + "/corpora/sample";
      String onDisk = "file:" + Path.of("data/sample").toAbsolutePath();
      List<List<Object>> a = TableRows.read(local.resolve(t).toString(), onDisk, inS3);
      List<List<Object>> b = TableRows.read(out + "/" + t, onDisk, inS3);
      assertEquals(a.size(), b.size(), t);
      for (int i = 0; i < a.size(); i++) {
        assertTrue(TableRows.close(a.get(i), b.get(i)), t + " row " + i + ": " + a.get(i) + " vs " + b.get(i));
      }
    }
    assertTrue(TestSpark.get().read().parquet(out + "/documents").filter("outlet = 'La Jornada (Mexico)'").count() > 0,
        "the outlet aliases were not read from S3");
    assertTrue(TestSpark.get().read().parquet(out + "/entities").filter("entity_id = 'per:pedro_castillo'").count() > 0,
        "the actor dictionary was not read from S3");
  }

  private static java.util.Map<String, String> s3aSettings() {
    return java.util.Map.of("fs.s3a.endpoint", endpoint, "fs.s3a.endpoint.region", "us-east-1",
        "fs.s3a.path.style.access", "true", "fs.s3a.connection.ssl.enabled", "false");
  }


}
