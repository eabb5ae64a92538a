package org.framelens.integration;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.framelens.Jvm;
import org.framelens.SampleRun;
import org.framelens.TestSpark;
import org.framelens.output.OutputStore;
import org.junit.jupiter.api.Test;

/**
 * framelens killed with SIGKILL while each stage writes, into a folder that holds a complete earlier run: after
 * every kill the folder's visible files are byte for byte those of the earlier run (the killed run left only its
 * underscore staging folder and lock), and a rerun then completes, taking over the dead run's lock, with every table
 * equal to the earlier run's. Two kills are of `framelens run` (in its first stage, and in distinctive with the two
 * stages before it staged); the others are of a stage's own subcommand over the committed tables, which stages and
 * commits the same way without paying again for the stages before it.
 */
class CrashSafetyIT {
  /** Where each stage is killed: when it starts writing this table, with earlier tables already staged. */
  private static final Map<String, String> KILL_AT = new LinkedHashMap<>();
  static {
    KILL_AT.put("ingest", "documents");
    KILL_AT.put("terms", "doc_terms");
    KILL_AT.put("distinctive", "distinctive_terms");
    KILL_AT.put("topics", "doc_topics");
    KILL_AT.put("entities", "cooccurrence");
    KILL_AT.put("report", "report.md");
  }

  /** The stages killed in a whole `framelens run`; the others are killed in their own subcommand. */
  private static final Set<String> IN_RUN = Set.of("ingest", "distinctive");

  @Test
  void aRunKilledWhileAnyStageWritesLeavesThePreviousOutputsAndTheRerunCompletes() throws Exception {
    Path out = SampleRun.get().copy("crash");   // a complete earlier run: the README's first command's folder
    List<String> run = SampleRun.command(out);
    Map<String, String> before = visibleFiles(out);
    Map<String, List<String>> tables = tables(out);
    assertTrue(before.containsKey(OutputStore.MANIFEST) && tables.size() >= 16, before.keySet().toString());

    for (Map.Entry<String, String> kill : KILL_AT.entrySet()) {
      List<String> alone = new ArrayList<>(List.of(kill.getKey(), "--output", out.toString()));
      if (kill.getKey().equals("topics")) {
        alone.addAll(List.of(SampleRun.OPTIONS));   // its sweeps, as the earlier run's
      }
      List<String> log = runAndKill(out, kill.getValue(), IN_RUN.contains(kill.getKey()) ? run : alone);
      assertTrue(log.stream().anyMatch(l -> l.contains("stage " + kill.getKey() + ": started")),
          "killed outside stage " + kill.getKey() + ":\n" + String.join("\n", log));
      assertEquals(before, visibleFiles(out), "after the kill in stage " + kill.getKey());
      assertTrue(Files.isDirectory(out.resolve("_staging")), () -> "the run killed in stage " + kill.getKey()
          + " staged nothing?\n" + String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size())));
    }

    SampleRun.Outcome rerun = SampleRun.cli(run.toArray(String[]::new));
    assertEquals(0, rerun.code(), rerun.err());
    Map<String, List<String>> after = tables(out);
    assertEquals(tables.keySet(), after.keySet());
    for (String t : tables.keySet()) {
      List<String> onlyBefore = new ArrayList<>(tables.get(t));
      onlyBefore.removeAll(after.get(t));
      List<String> onlyAfter = new ArrayList<>(after.get(t));
      onlyAfter.removeAll(tables.get(t));
      assertTrue(onlyBefore.isEmpty() && onlyAfter.isEmpty() && tables.get(t).size() == after.get(t).size(),
          t + ": only in the first run " + onlyBefore.stream().limit(5).toList() + ", only in the rerun "
              + onlyAfter.stream().limit(5).toList());
    }
    try (Stream<Path> left = Files.list(out)) {
      assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("_")).toList());
    }
    String runId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve(OutputStore.MANIFEST).toFile())
        .path("run_id").asText();
    assertTrue(Files.readString(out.resolve("report.md")).contains(" - run " + runId + " (run)"),
        "the report is the manifest's run's");
  }

  /**
   * Starts the launcher's JVM (the command jobs/framelens runs) and SIGKILLs it when its log says it starts writing
   * the given table; returns its log up to then.
   */
  private static List<String> runAndKill(Path out, String table, List<String> command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Jvm.java(), "-Xmx2g"));
    cmd.addAll(Jvm.sparkOpens());
    // Spark's scratch folders of a killed JVM are never removed: keep them in the test's temp folder.
    Path tmp = Files.createDirectories(out.resolveSibling("tmp"));
    cmd.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-Dframelens.log.level=info", "-cp", Jvm.launcherClasspath(), "org.framelens.cli.Main"));
    cmd.addAll(command);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    List<String> log = new ArrayList<>();
    Pattern writing = Pattern.compile("writing " + Pattern.quote(table) + " to the staging area");
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        log.add(line);
        if (writing.matcher(line).find()) {
          p.destroyForcibly();   // SIGKILL: no shutdown hook, no cleanup
          break;
        }
      }
    } finally {
      p.destroyForcibly();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    }
    assertEquals(137, p.exitValue(), "the run ended before writing " + table + ":\n" + String.join("\n", log));
    return log;
  }


  /** Every file a reader sees (no '_' or '.' in its path) with its SHA-256. */
  private static Map<String, String> visibleFiles(Path out) throws Exception {
    Map<String, String> files = new TreeMap<>();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> all = Files.walk(out)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        String rel = out.relativize(p).toString();
        boolean hidden = Stream.of(rel.split("/")).anyMatch(s -> s.startsWith("_") && !s.equals(OutputStore.SIDECAR) || s.startsWith("."));
        if (!hidden) {
          files.put(rel, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
        }
      }
    }
    return files;
  }

  /** Every table's rows, sorted, as text; without topic_models.seconds, the one column that is a timing. */
  private static Map<String, List<String>> tables(Path out) throws IOException {
    Map<String, List<String>> tables = new TreeMap<>();
    try (Stream<Path> all = Files.list(out)) {
      for (Path t : all.filter(p -> Files.exists(p.resolve(OutputStore.SIDECAR))).toList()) {
        tables.put(t.getFileName().toString(), TestSpark.get().read().parquet(t.toString()).drop("seconds").collectAsList().stream()
            .map(Row::toString).sorted().toList());
      }
    }
    return tables;
  }
}
