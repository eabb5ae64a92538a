package org.framelens.corpus;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.framelens.Runs.Settings;
import org.junit.jupiter.api.Test;

/**
 * Defect 7 of issue 17: an --output folder inside the --input folder. The second run must not read the first run's
 * outputs (tables, run_manifest.json, report.md, graphs/...) as input: it quarantines nothing and reads the same
 * documents from the same listing.
 */
class OutputInsideInputTest {

  @Test
  void aTextFolderWithTheOutputInsideReadsTheSameDocumentsTwice() {
    Path corpus = TestSpark.tempDir("output-inside-").resolve("corpus");
    Ingested.write(corpus.resolve("manifest.csv"), "file,outlet,title\na.txt,A,First\nsub/b.txt,B,Second\nc.txt,A,Third\n");
    Ingested.write(corpus.resolve("a.txt"), "The first article, about the protests in Lima.");
    Ingested.write(corpus.resolve("sub/b.txt"), "The second article, about the new president.");
    Ingested.write(corpus.resolve("c.txt"), "The third article, about the state of emergency.");

    twoRuns(corpus, corpus.resolve("out"), 4);   // three texts and the manifest
  }

  @Test
  void aJsonLinesFolderWithTheOutputInsideReadsTheSameDocumentsTwice() {
    Path in = TestSpark.tempDir("output-inside-").resolve("in");
    Ingested.write(in.resolve("records.jsonl"), String.join("\n",
        "{\"id\": \"j1\", \"outlet\": \"A\", \"text\": \"The first article, about the protests in Lima.\"}",
        "{\"id\": \"j2\", \"outlet\": \"B\", \"text\": \"The second article, about the new president.\"}", ""));

    twoRuns(in, in.resolve("results/out"), 1);
  }

  @Test
  void theOutputIsLeftOutOfAGlobButAnInputInsideTheOutputIsRead() {
    Path in = TestSpark.tempDir("output-inside-").resolve("in");
    Ingested.write(in.resolve("records.jsonl"), "{\"id\": \"j1\", \"text\": \"One.\"}\n");
    Ingested.write(in.resolve("out/run_manifest.json"), "{\"run_id\": \"x\"}\n");
    Ingested.write(in.resolve("out/old/records.jsonl"), "{\"id\": \"old\", \"text\": \"Old.\"}\n");
    String outRoot = InputFiles.qualify(TestSpark.get(), in.resolve("out").toString());

    IngestOptions glob = new IngestOptions();
    glob.input = in + "/*";
    InputFiles files = InputFiles.resolve(TestSpark.get(), glob, outRoot);
    assertEquals(List.of("records.jsonl"), files.paths().stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).toList());
    assertEquals(2, files.outputFilesLeftOut);

    IngestOptions inside = new IngestOptions();   // reading an earlier output on purpose: nothing is left out
    inside.input = in.resolve("out/old").toString();
    InputFiles old = InputFiles.resolve(TestSpark.get(), inside, outRoot);
    assertEquals(1, old.files.size());
    assertEquals(0, old.outputFilesLeftOut);
  }

  /** Ingest, terms (more tables in the output) and a few files like the entities stage's and the CLI's; ingest again. */
  private static void twoRuns(Path input, Path output, int inputFiles) {
    Settings s = Runs.settings(input.toString(), output.toString());
    ObjectNode first = Runs.ingestOnly(s).manifest();
    Ingested one = Ingested.read(s.output);
    assertEquals(List.of(), one.quarantine());
    Runs.only("terms", s);
    Ingested.write(output.resolve("report.md"), "# framelens report\n");
    Ingested.write(output.resolve("graphs/index.csv"), "scope,window,graphml,gexf\nALL,sentence,ALL.graphml,ALL.gexf\n");
    Ingested.write(output.resolve("graphs/ALL.graphml"), "<graphml/>\n");
    Ingested.write(output.resolve("graphs/" + org.framelens.output.OutputStore.FOLDER_MARK), "{\"folder\": \"graphs\"}\n");

    ObjectNode second = Runs.ingestOnly(s).manifest();
    Ingested two = Ingested.read(s.output);

    assertEquals(List.of(), two.quarantine(), "the second run read its own outputs");
    assertEquals(texts(one), texts(two));
    assertEquals(inputFiles, second.at("/input/n_files").asInt());
    assertEquals(first.at("/input/listing_sha256"), second.at("/input/listing_sha256"));
    assertTrue(second.at("/input/output_files_left_out").asInt() > 10, second.at("/input").toString());
  }

  private static List<String> texts(Ingested out) {
    return out.documents().stream().map((Row r) -> r.getAs("doc_id") + "\t" + r.getAs("text")).toList();
  }
}
