package org.framelens.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/architecture.md's table of stages is the code's. */
class ArchitectureDocTest {
  @Test
  void theStagesTableMatchesTheCode() throws IOException {
    String doc = Files.readString(Path.of("docs/architecture.md"));
    String begin = "<!-- stages:begin -->\n";
    int from = doc.indexOf(begin);
    int to = doc.indexOf("<!-- stages:end -->");
    assertTrue(from >= 0 && to > from, "docs/architecture.md lost its stages markers");
    assertEquals(new StageSet().markdown(), doc.substring(from + begin.length(), to),
        "docs/architecture.md is generated between its markers: run `jobs/framelens tables --stages`");
  }
}
