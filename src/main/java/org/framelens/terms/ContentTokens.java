package org.framelens.terms;

import java.io.Serializable;
import java.util.Set;

/** Which tokens can be terms: not a stop word, and with a letter unless numbers are kept. */
public record ContentTokens(Set<String> stopWords, boolean keepNumbers) implements Serializable {

  public boolean isContent(String token) {
    if (stopWords.contains(token)) {
      return false;
    }
    if (keepNumbers) {
      return true;
    }
    for (int i = 0; i < token.length(); i++) {
      if (Character.isLetter(token.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
