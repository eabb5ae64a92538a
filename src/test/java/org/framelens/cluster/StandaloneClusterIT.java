package org.framelens.cluster;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.framelens.Jvm;
import org.framelens.SampleRun;
import org.framelens.TableRows;
import org.framelens.TestSpark;
import org.framelens.integration.AllSidesSample;
import org.framelens.topics.TopicOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Spark standalone master and two workers (1 core each), separate JVMs on 127.0.0.1 built from Spark's Maven jars
 * alone (a SPARK_HOME whose jars/ holds them), and the application jar submitted in client mode through
 * spark-submit's entry point with only Spark's jars beside it and CoreNLP's models through --jars, as a cluster
 * user would. Every table of the sample corpus's run must equal the local-mode run's; a run of the topics stage over
 * 600 AllSides articles loses a worker and its executor to kill -9 in the middle of the sampler and must still
 * finish with the local run's topic tables.
 */
class StandaloneClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path work;
  private static String sparkClasspath;
  private static String models;
  private static String appJar;
  private static List<String> opens;
  private static Map<String, String> env;
  private static String masterUrl;
  private static final List<Process> daemons = new ArrayList<>();
  private static Process worker1;

  @BeforeAll
  static void startCluster() throws Exception {
    work = TestSpark.tempDir("cluster");
    List<String> runtime = Jvm.runtimeJars();
    // The cluster has Spark's jars only: framelens's own libraries travel in the application jar.
    List<String> spark = runtime.stream().filter(j -> !j.matches(".*/(lucene-|picocli-|stanford-corenlp-)[^/]*")).toList();
    sparkClasspath = String.join(":", spark);
    models = runtime.stream().filter(j -> j.matches(".*/stanford-corenlp-[^/]*-models\\.jar")).findFirst().orElseThrow();
    appJar = Jvm.builtJar(true).toAbsolutePath().toString();
    opens = Jvm.sparkOpens();

    // A Worker builds its executors' command from SPARK_HOME/jars and needs the Scala version to find them.
    Path home = Files.createDirectories(work.resolve("spark-home/jars"));
    for (String jar : spark) {
      Path link = home.resolve(Path.of(jar).getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, Path.of(jar));
      }
    }
    env = Map.of("SPARK_HOME", home.getParent().toString(), "SPARK_SCALA_VERSION", "2.13", "SPARK_LOCAL_IP", "127.0.0.1");

    int port = freePort();
    masterUrl = "spark://127.0.0.1:" + port;
    Process master = daemon("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
        String.valueOf(port), "--webui-port", String.valueOf(freePort()));
    await(work.resolve("master.log"), log -> log.contains("I have been elected leader"), Duration.ofSeconds(90), master);
    worker1 = daemon("worker1", "org.apache.spark.deploy.worker.Worker", masterUrl, "--host", "127.0.0.1",
        "--cores", "1", "--memory", "2g", "--webui-port", String.valueOf(freePort()), "--work-dir", work.resolve("w1").toString());
    Process worker2 = daemon("worker2", "org.apache.spark.deploy.worker.Worker", masterUrl, "--host", "127.0.0.1",
        "--cores", "1", "--memory", "2g", "--webui-port", String.valueOf(freePort()), "--work-dir", work.resolve("w2").toString());
    await(work.resolve("master.log"), log -> count(log, "Registering worker") == 2, Duration.ofSeconds(90), worker1, worker2);
  }

  @AfterAll
  static void stopCluster() {
    for (Process p : daemons) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  @Test
  void theSampleCorpusGivesTheLocalTables() throws Exception {
    Path out = work.resolve("sample-cluster");
    // One partition, as a local run of the sample chooses (TopicCorpus.partitionsFor), not left to the cluster's
    // core count: the sampler runs every sweep inside one task on an executor, and its chain comes back whole.
    List<String> options = new ArrayList<>(List.of("--topic-partitions", "1"));
    options.addAll(List.of(SampleRun.OPTIONS));   // the local reference's sweeps
    Process run = submit("sample", "run", out, "data/sample", options.toArray(String[]::new));
    assertEquals(0, finish(run, "sample"), () -> tail(work.resolve("sample.log")));
    // The local reference is the README's first command's folder, with the same options: all its 26 tables.
    List<String> tables = new ArrayList<>();
    JSON.readTree(out.resolve("run_manifest.json").toFile()).get("tables").fieldNames().forEachRemaining(tables::add);
    assertEquals(26, tables.size(), tables.toString());
    assertSameTables(SampleRun.get().folder(), out, tables);
  }

  @Test
  void aKilledWorkerDoesNotChangeTheTables() throws Exception {
    Path slice = AllSidesSample.input();
    Assumptions.assumeTrue(slice != null, "../shared/corpora/allsides/sample-2000.jsonl is absent: the killed-worker run needs it");
    // The topics stage alone, over a copy of the local run's folder (its ingest and terms tables), as a user reruns
    // one stage: the kill is about the sampler, and the sample corpus run above covers the other stages' tables on
    // this cluster. Running them all here again cost four minutes of cold executors before the sampler started.
    Path local = AllSidesSample.localRun();
    Path out = SampleRun.copy(local, "allsides-cluster");
    Process run = submit("allsides", "topics", out, null, AllSidesSample.topicOptions().toArray(String[]::new));
    Path log = work.resolve("allsides.log");
    // kill -9 of worker 1 and of its executor (the Worker's child JVM) half-way through the topic sampler, after
    // its lineage was cut by checkpoints (which therefore must not live on the lost executor).
    // One sampling job per merge of the partitions' sweeps (its reports merged by treeReduce), and one for the initial
    // counts; after sweep 50 of the 100 the lineage has been cut twice (every 20 sweeps). Counting jobs, not
    // checkpoint messages, keeps the kill in place whichever kind of checkpoint the sampler uses.
    int merges = 1 + 50 / new TopicOptions().sweepsPerMerge;
    Predicate<String> halfWay = l -> l.contains("stage topics: started")
        && count(l.substring(l.indexOf("stage topics: started")), "finished: treeReduce at GibbsSampler.java") >= merges;
    await(log, halfWay, Duration.ofMinutes(10), run);
    List<ProcessHandle> executors = worker1.descendants().toList();
    assertFalse(executors.isEmpty(), "worker 1 runs no executor");
    executors.forEach(ProcessHandle::destroyForcibly);
    worker1.destroyForcibly();
    assertEquals(0, finish(run, "allsides"), () -> tail(log));
    String driver = Files.readString(log);
    int lost = driver.indexOf("Lost executor");
    assertTrue(lost > driver.indexOf("stage topics: started") && lost < driver.indexOf("stage topics: done"),
        "the executor was not lost during the sampler");
    assertTrue(Files.readString(work.resolve("master.log")).contains("Removing worker"), "the master never lost the worker");

    // The topics stage's tables, written by this run (the copied ones stay the local run's), equal the local run's.
    JsonNode manifest = JSON.readTree(out.resolve("run_manifest.json").toFile());
    List<String> topicTables = new ArrayList<>();
    manifest.get("tables").fields().forEachRemaining(t -> {
      if (t.getValue().path("stage").asText().equals("topics")) {
        assertEquals(manifest.get("run_id").asText(), t.getValue().path("run_id").asText(), t.getKey() + " was not rewritten");
        topicTables.add(t.getKey());
      }
    });
    assertEquals(5, topicTables.size(), topicTables.toString());
    assertSameTables(local, out, topicTables);
  }

  /**
   * spark-submit in client mode of framelens's COMMAND (with --input INPUT unless null), the driver in its own JVM
   * like a user's, with its log in NAME.log.
   */
  private static Process submit(String name, String command, Path out, String input, String... extra) throws IOException {
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    List<String> cmd = new ArrayList<>(List.of(Jvm.java(), "-Xmx1500m"));
    cmd.addAll(opens);
    cmd.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-cp", sparkClasspath, "org.apache.spark.deploy.SparkSubmit",
        "--master", masterUrl, "--deploy-mode", "client",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.executor.memory=1500m",
        "--conf", "spark.executor.extraJavaOptions=-Djava.io.tmpdir=" + tmp,
        "--jars", models, "--class", "org.framelens.cli.Main", appJar,
        command, "--output", out.toString(),
        // Four shuffle partitions against the local reference's two (the test session's): no table depends on them.
        // The sample does depend on the number of sampling partitions, which each test fixes as its local reference
        // does (--topic-partitions), not left to the cluster's core count.
        "--conf", "spark.sql.shuffle.partitions=4"));
    if (input != null) {
      cmd.addAll(List.of("--input", input));
    }
    cmd.addAll(List.of(extra));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    daemons.add(p);
    return p;
  }

  private static int finish(Process run, String name) throws InterruptedException {
    if (!run.waitFor(25, TimeUnit.MINUTES)) {
      run.destroyForcibly();
      fail(name + " did not finish in 25 minutes");
    }
    return run.exitValue();
  }

  /**
   * The named tables of the cluster run have the same rows in the local run. Doubles are compared to 1e-9 relative:
   * sums over differently partitioned data may differ in the last bits; everything else must match exactly.
   */
  private static void assertSameTables(Path local, Path cluster, List<String> names) throws IOException {
    JsonNode a = JSON.readTree(local.resolve("run_manifest.json").toFile()).get("tables");
    JsonNode b = JSON.readTree(cluster.resolve("run_manifest.json").toFile()).get("tables");
    List<String> localNames = new ArrayList<>();
    a.fieldNames().forEachRemaining(localNames::add);
    assertTrue(localNames.containsAll(names), names + " not all in " + localNames);
    for (String t : names) {
      List<List<Object>> x = TableRows.read(local.resolve(t).toString(), local.toString(), cluster.toString());
      List<List<Object>> y = TableRows.read(cluster.resolve(t).toString(), local.toString(), cluster.toString());
      assertEquals(x.size(), y.size(), t + " rows");
      // Counted as the cluster wrote it (an observed metric), through the lost executor's retried tasks.
      assertEquals(y.size(), b.get(t).get("rows").asLong(), t + " rows in the cluster run's manifest");
      for (int i = 0; i < x.size(); i++) {
        String where = t + " row " + i + ": " + x.get(i) + " vs " + y.get(i);
        assertTrue(TableRows.close(x.get(i), y.get(i)), where);
      }
    }
  }

  private static Process daemon(String name, String main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Jvm.java(), "-Xmx256m"));
    cmd.addAll(opens);
    cmd.addAll(List.of("-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp-" + name)), "-cp", sparkClasspath, main));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    daemons.add(p);
    return p;
  }

  private static void await(Path log, Predicate<String> ready, Duration limit, Process... alive) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (Files.exists(log) && ready.test(Files.readString(log))) {
        return;
      }
      for (Process p : alive) {
        if (!p.isAlive()) {
          fail("a process ended early (exit " + p.exitValue() + "):\n" + tail(log));
        }
      }
      Thread.sleep(500);
    }
    fail("not ready after " + limit + ":\n" + tail(log));
  }

  private static int count(String s, String what) {
    return s.split(Pattern.quote(what), -1).length - 1;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }


  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
