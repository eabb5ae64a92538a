package org.framelens.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which stages a --skip leaves out: the ones named, and those that require what only they write. */
class StageSetTest {
  private static final List<String> RUN = List.of("ingest", "terms", "distinctive", "topics", "entities", "quotes", "events", "report");

  @Test
  void skippingAStageLeavesOutWhatRequiresItsOutputsButNotWhatOnlyUsesThem() {
    StageSet set = new StageSet();
    assertEquals(RUN, set.names().stream().filter(n -> !StageSet.ON_DEMAND.contains(n)).toList());
    // quotes requires mentions; events only uses them when they are there.
    assertEquals(List.of("ingest", "terms", "distinctive", "topics", "events", "report"), set.without(RUN, List.of("entities")));
    // distinctive requires outlet_terms, topics and events doc_terms: all of them go with terms.
    assertEquals(List.of("ingest", "entities", "quotes", "report"), set.without(RUN, List.of("terms")));
    assertEquals(List.of("ingest", "terms", "distinctive", "entities", "quotes", "events", "report"), set.without(RUN, List.of("topics")));
  }
}
