package org.framelens.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TopicCorpusTest {
  @Test
  void partitionsFollowTheCorpusSizeAndBoundTheTokensOfEach() {
    assertEquals(1, TopicCorpus.partitionsFor(0, 8));
    assertEquals(1, TopicCorpus.partitionsFor(249_999, 8));
    assertEquals(2, TopicCorpus.partitionsFor(250_000, 2));
    // AllSides (18,464,694 tokens) on 2 cores: the parallelism, as before the bound.
    assertEquals(2, TopicCorpus.partitionsFor(18_464_694, 2));
    assertEquals(2, TopicCorpus.partitionsFor(20_000_000, 2));
    assertEquals(3, TopicCorpus.partitionsFor(20_000_001, 2));
    // 4x AllSides (59,717,944 tokens): six partitions of at most ten million tokens.
    assertEquals(6, TopicCorpus.partitionsFor(59_717_944, 2));
    assertEquals(16, TopicCorpus.partitionsFor(59_717_944, 16));
  }
}
