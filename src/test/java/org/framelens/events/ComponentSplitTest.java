package org.framelens.events;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Splitting an oversized component, against the rule as the docs state it, written out here as slowly as it reads:
 * among the pairs that join two different parts and fit the bound together, merge the strongest; repeat.
 */
class ComponentSplitTest {

  private record Edge(long a, long b, double sim) {}

  /** The oracle: parts as sets, merged one pair at a time by scanning every pair. */
  private static Set<Set<Long>> greedy(List<Edge> edges, int max) {
    Map<Long, Set<Long>> partOf = new HashMap<>();
    edges.forEach(e -> {
      partOf.computeIfAbsent(e.a(), k -> new TreeSet<>(List.of(k)));
      partOf.computeIfAbsent(e.b(), k -> new TreeSet<>(List.of(k)));
    });
    while (true) {
      Edge best = null;
      for (Edge e : edges) {
        Set<Long> x = partOf.get(e.a());
        Set<Long> y = partOf.get(e.b());
        if (x != y && x.size() + y.size() <= max && (best == null || e.sim() > best.sim())) {
          best = e;
        }
      }
      if (best == null) {
        return new HashSet<>(partOf.values());
      }
      Set<Long> merged = new TreeSet<>(partOf.get(best.a()));
      merged.addAll(partOf.get(best.b()));
      merged.forEach(v -> partOf.put(v, merged));
    }
  }

  private static Set<Set<Long>> split(List<Edge> edges, int max) {
    ComponentSplit.Parts p = ComponentSplit.split(edges.stream().mapToLong(Edge::a).toArray(),
        edges.stream().mapToLong(Edge::b).toArray(), edges.stream().mapToDouble(Edge::sim).toArray(), max);
    Map<Long, Set<Long>> parts = new HashMap<>();
    for (int i = 0; i < p.node().length; i++) {
      parts.computeIfAbsent(p.part()[i], k -> new TreeSet<>()).add(p.node()[i]);
      assertTrue(p.part()[i] <= p.node()[i], "a part is named by its smallest node");
    }
    parts.forEach((id, members) -> assertEquals(id, members.iterator().next()));
    return new HashSet<>(parts.values());
  }

  @Test
  void twoDenseGroupsJoinedByOneWeakEdgeSplitThere() {
    // {1,2,3} and {4,5,6}, triangles at 0.8 and 0.7, joined by 3-4 at 0.2; a bound of 3 leaves out the 3-4 pair.
    List<Edge> edges = List.of(new Edge(1, 2, 0.8), new Edge(2, 3, 0.8), new Edge(1, 3, 0.8),
        new Edge(4, 5, 0.7), new Edge(5, 6, 0.7), new Edge(4, 6, 0.7), new Edge(3, 4, 0.2));
    assertEquals(Set.of(Set.of(1L, 2L, 3L), Set.of(4L, 5L, 6L)), split(edges, 3));
    assertEquals(Set.of(Set.of(1L, 2L, 3L, 4L, 5L, 6L)), split(edges, 6), "a component within the bound stays whole");
  }

  @Test
  void aDocumentThatFindsAPartFullJoinsAnotherThatHasRoom() {
    // 1-2 at 0.9, 2-3 at 0.8, 3-4 at 0.5, 4-5 at 0.4. Bound 3: {1,2,3} forms, 3-4 does not fit, and 4 joins 5 instead
    // (cutting single linkage's dendrogram would leave 4 and 5 alone: 4 joins {1,2,3} there before 5 joins 4).
    List<Edge> chain = List.of(new Edge(1, 2, 0.9), new Edge(2, 3, 0.8), new Edge(3, 4, 0.5), new Edge(4, 5, 0.4));
    assertEquals(Set.of(Set.of(1L, 2L, 3L), Set.of(4L, 5L)), split(chain, 3));
    // Bound 2: {1,2}; 2-3 does not fit; {3,4}; 4-5 does not fit: 5 alone.
    assertEquals(Set.of(Set.of(1L, 2L), Set.of(3L, 4L), Set.of(5L)), split(chain, 2));
    // The edges' order does not matter.
    assertEquals(split(chain, 2), split(List.of(chain.get(3), chain.get(1), chain.get(2), chain.get(0)), 2));
  }

  @Test
  void randomGraphsSplitAsTheRuleReads() {
    Random random = new Random(20261205);
    for (int round = 0; round < 200; round++) {
      int n = 5 + random.nextInt(40);
      List<Edge> edges = new ArrayList<>();
      // A spanning tree keeps the graph one component, as the split's input is; distinct similarities make the
      // strongest pair unique at every step.
      Set<Double> used = new HashSet<>();
      for (long v = 1; v < n; v++) {
        long other = 1 + random.nextInt((int) v);
        edges.add(new Edge(other, v + 1, distinct(random, used)));
      }
      for (int extra = random.nextInt(2 * n); extra > 0; extra--) {
        long x = 1 + random.nextInt(n);
        long y = 1 + random.nextInt(n);
        if (x != y) {
          edges.add(new Edge(Math.min(x, y), Math.max(x, y), distinct(random, used)));
        }
      }
      int max = 2 + random.nextInt(n);
      Set<Set<Long>> parts = split(edges, max);
      assertEquals(greedy(edges, max), parts, "round " + round + ", bound " + max);
      assertEquals(n, parts.stream().mapToInt(Set::size).sum(), "every node is in one part");
      Map<Long, Set<Long>> partOf = new HashMap<>();
      parts.forEach(p -> p.forEach(v -> partOf.put(v, p)));
      for (Edge e : edges) {
        Set<Long> x = partOf.get(e.a());
        Set<Long> y = partOf.get(e.b());
        assertTrue(x == y || x.size() + y.size() > max, "two parts joined by a pair would have fit together");
      }
      assertTrue(parts.stream().allMatch(p -> p.size() <= max));
    }
  }

  private static double distinct(Random random, Set<Double> used) {
    double s;
    do {
      s = Math.round(random.nextDouble() * 1e6) / 1e6;
    } while (s == 0 || !used.add(s));
    return s;
  }
}
