package org.framelens.corpus;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framelens.TestSpark;
import org.junit.jupiter.api.Test;

/** The input fingerprint of a corpus of a file per article: the manifest names a bounded part, the digest all. */
class InputFilesTest {

  @Test
  void aCorpusOfMoreFilesThanTheManifestNamesIsNamedInPathOrderAndDigestedWhole() throws Exception {
    Path dir = TestSpark.tempDir("many-files");
    int n = InputFiles.MANIFEST_FILES + 7;
    List<String> names = new ArrayList<>();
    for (int i = n - 1; i >= 0; i--) {   // written in reverse: the listing's order is not the manifest's
      String name = String.format("doc-%05d.jsonl", i);
      Files.writeString(dir.resolve(name), "{\"id\": \"d" + i + "\", \"text\": \"Text " + i + ".\"}\n");
      names.add(name);
    }
    IngestOptions o = new IngestOptions();
    o.input = dir.toString();
    InputFiles files = InputFiles.resolve(TestSpark.get(), o);
    assertEquals(n, files.files.size());

    List<String> named = files.manifestListing().stream().map(f -> f.path().substring(f.path().lastIndexOf('/') + 1)).toList();
    assertEquals(names.stream().sorted().limit(InputFiles.MANIFEST_FILES).toList(), named);

    // The last file in path order is not named, and still in the fingerprint.
    String before = files.listingDigest();
    Files.writeString(dir.resolve(String.format("doc-%05d.jsonl", n - 1)), "{\"id\": \"x\", \"text\": \"Another text.\"}\n");
    assertNotEquals(before, InputFiles.resolve(TestSpark.get(), o).listingDigest());
  }

  @Test
  void aTextFolderOfMoreFilesThanSparkListsAloneIsReadWholeAndTheSessionKeepsItsSettings() throws Exception {
    Path corpus = TestSpark.tempDir("many-texts").resolve("corpus");
    StringBuilder manifest = new StringBuilder("file,outlet\n");
    int n = 40;   // over Spark's 32 paths, beyond which it would list them in a job of its own
    for (int i = 0; i < n; i++) {
      Ingested.write(corpus.resolve("t" + i + ".txt"), "Article number " + i + " on the local disk.");
      // Four articles an outlet, under the minimum for boilerplate: alike texts of one outlet would go as its template.
      manifest.append("t").append(i).append(".txt,O").append(i % 10).append('\n');
    }
    Ingested.write(corpus.resolve("manifest.csv"), manifest.toString());
    String key = "spark.sql.sources.parallelPartitionDiscovery.threshold";
    scala.Option<String> before = TestSpark.get().conf().getOption(key);

    org.framelens.Runs.Settings s = org.framelens.Runs.settings(corpus.toString(), corpus.resolveSibling("out").toString());
    org.framelens.Runs.ingestOnly(s);
    Ingested out = Ingested.read(s.output);
    assertEquals(List.of(), out.quarantine());
    assertEquals(n, out.documents().size());
    assertEquals("Article number 39 on the local disk.", out.documents().stream()
        .filter(r -> r.<String>getAs("doc_id").equals("t39")).findFirst().orElseThrow().getAs("text"));
    assertEquals(before, TestSpark.get().conf().getOption(key), "the read left the session's listing threshold changed");
  }
}
