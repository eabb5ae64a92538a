package org.framelens.terms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.framelens.TestSpark;

/**
 * A two-outlet corpus small enough to count by hand (stop words in brackets are not terms):
 * <pre>
 * a1  A  left   "Coup leaders met. Coup leaders left."      coup 2, leaders 2, met 1, left 1          (6 unigram terms)
 * a2  A  right  "The regime held power."                    [the] regime, held, power                (3)
 * b1  B  left   "The government held power. The government fell."  government 2, held, power, fell (5)
 * b2  B  right  "Coup leaders fell."                        coup, leaders, fell                      (3)
 * b3  B  right  "Coup  leaders fell."                       exact duplicate of b2 (whitespace): not counted
 * </pre>
 * Token positions (stop words included): 6 + 4 + 7 + 3 = 20. Phrases with count >= 2: "coup leaders" (3: a1 twice,
 * b2) and "held power" (2), both with npmi 1 since their words never occur apart.
 */
final class ToyCorpus {
  private ToyCorpus() {}

  static Path write() {
    Path dir = TestSpark.tempDir("toy");
    String jsonl = String.join("\n",
        "{\"id\":\"a1\",\"outlet\":\"A\",\"label\":\"left\",\"text\":\"Coup leaders met. Coup leaders left.\"}",
        "{\"id\":\"a2\",\"outlet\":\"A\",\"label\":\"right\",\"text\":\"The regime held power.\"}",
        "{\"id\":\"b1\",\"outlet\":\"B\",\"label\":\"left\",\"text\":\"The government held power. The government fell.\"}",
        "{\"id\":\"b2\",\"outlet\":\"B\",\"label\":\"right\",\"text\":\"Coup leaders fell.\"}",
        "{\"id\":\"b3\",\"outlet\":\"B\",\"label\":\"right\",\"text\":\"Coup  leaders fell.\"}") + "\n";
    try {
      Files.writeString(dir.resolve("toy.jsonl"), jsonl);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return dir.resolve("toy.jsonl");
  }
}
