package org.framelens.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.framelens.Runs;
import org.framelens.TestSpark;

/** A hand-made JSON Lines corpus run through ingest, terms (unigrams only, so counts are the texts' own) and events. */
final class EventCorpus {
  private EventCorpus() {}

  /** Writes the records and runs the three stages; returns the output folder. */
  static Path run(String name, CharSequence jsonl) throws IOException {
    Path in = TestSpark.tempDir(name + "-in").resolve("docs.jsonl");
    Files.writeString(in, jsonl);
    Path out = TestSpark.tempDir(name + "-out");
    Runs.Settings s = Runs.settings(in.toString(), out.toString());
    s.terms.maxNgram = 1;
    Runs.these(s, "ingest", "terms", "events");
    return out;
  }
}
