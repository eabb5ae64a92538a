package org.framelens.events;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Average linkage on graphs small enough to merge by hand. */
class LinkageTest {

  /** Undated nodes: no span limit applies. */
  private static List<Linkage.Assignment> undated(long[] a, long[] b, double[] s, double threshold) {
    int[] none = new int[a.length];
    java.util.Arrays.fill(none, Linkage.UNDATED);
    return Linkage.cluster(a, b, s, none, none, threshold, 0);
  }

  private static Map<Long, Long> clusters(long[] a, long[] b, double[] s, double threshold) {
    return undated(a, b, s, threshold).stream()
        .collect(Collectors.toMap(Linkage.Assignment::node, Linkage.Assignment::cluster, (x, y) -> x, TreeMap::new));
  }

  @Test
  void aChainDoesNotMergeWhereSingleLinkageWould() {
    // 1-2 and 2-3 at 0.5, no 1-3 edge: {1,2} forms first (ties go to the smaller ids), then {1,2} to 3 has mean
    // (0 + 0.5) / 2 = 0.25, below 0.3.
    Map<Long, Long> c = clusters(new long[] {1, 2}, new long[] {2, 3}, new double[] {0.5, 0.5}, 0.3);
    assertEquals(Map.of(1L, 1L, 2L, 1L, 3L, 3L), c);
    // At 0.25 the mean is enough, and all three merge.
    assertEquals(Map.of(1L, 1L, 2L, 1L, 3L, 1L), clusters(new long[] {1, 2}, new long[] {2, 3}, new double[] {0.5, 0.5}, 0.25));
  }

  @Test
  void meansAreOverAllCrossPairsAndTheCentreIsTheMedoid() {
    // A triangle {10, 11, 12} and a fourth node 13 tied to 12 only. Merges: 10-11 (0.9), then {10,11}-12 with mean
    // (0.8 + 0.6) / 2 = 0.7, then {10,11,12}-13 with mean 0.7 / 3 = 0.233 < 0.4: 13 stays alone.
    long[] a = {10, 10, 11, 12};
    long[] b = {11, 12, 12, 13};
    double[] s = {0.9, 0.8, 0.6, 0.7};
    List<Linkage.Assignment> out = undated(a, b, s, 0.4);
    Map<Long, Linkage.Assignment> byNode = out.stream().collect(Collectors.toMap(Linkage.Assignment::node, x -> x));
    assertEquals(10L, byNode.get(12L).cluster());
    assertEquals(13L, byNode.get(13L).cluster());
    assertEquals(3, byNode.get(10L).size());
    // Cohesion: (0.9 + 0.8 + 0.6) / 3 pairs. Medoid: 10 has 0.9 + 0.8 = 1.7, 11 has 1.5, 12 has 1.4.
    assertEquals((0.9 + 0.8 + 0.6) / 3, byNode.get(11L).cohesion(), 1e-12);
    assertEquals(10L, byNode.get(12L).centre());
    assertEquals(13L, byNode.get(13L).centre());
  }

  @Test
  void theResultDoesNotDependOnTheOrderOfTheEdges() {
    long[] a = {1, 3, 2, 5, 4};
    long[] b = {2, 4, 3, 6, 5};
    double[] s = {0.6, 0.6, 0.6, 0.6, 0.6};
    Map<Long, Long> forward = clusters(a, b, s, 0.5);
    Map<Long, Long> backward = clusters(new long[] {4, 5, 2, 3, 1}, new long[] {5, 6, 3, 4, 2}, s, 0.5);
    assertEquals(forward, backward);
    // Pairs first by ids: {1,2}, {3,4}, {5,6}; then every cross mean is 0.6 / 4 = 0.15.
    assertEquals(Map.of(1L, 1L, 2L, 1L, 3L, 3L, 4L, 3L, 5L, 5L, 6L, 5L), forward);
  }

  @Test
  void anUndatedBridgeCannotJoinDatedStoriesFurtherApartThanTheWindow() {
    // 1 (day 100) and 3 (day 900) each close to the undated 2: without the span limit all three would merge
    // (the mean of {1,2} to 3 is (0 + 0.7) / 2 = 0.35 >= 0.3); with a 3-day window, 2 joins 1 (the stronger pair)
    // and 3 stays alone.
    long[] a = {1, 2};
    long[] b = {2, 3};
    double[] s = {0.8, 0.7};
    List<Linkage.Assignment> out = Linkage.cluster(a, b, s, new int[] {100, Linkage.UNDATED},
        new int[] {Linkage.UNDATED, 900}, 0.3, 3);
    Map<Long, Long> c = out.stream().collect(Collectors.toMap(Linkage.Assignment::node, Linkage.Assignment::cluster));
    assertEquals(Map.of(1L, 1L, 2L, 1L, 3L, 3L), c);
    // Days 100 and 102 are within the window: all three merge.
    out = Linkage.cluster(a, b, s, new int[] {100, Linkage.UNDATED}, new int[] {Linkage.UNDATED, 102}, 0.3, 3);
    assertEquals(1, out.stream().map(Linkage.Assignment::cluster).distinct().count());
  }
}
