package org.framelens.events;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Splits a connected component of the similarity graph that holds more documents than a bound, so that average
 * linkage, which runs in one task per component, has bounded work and memory. The parts are grown as single linkage
 * grows clusters, strongest pair first (union-find in Kruskal's order), except that a pair whose two parts together
 * would exceed the bound is skipped: every part holds at most the bound, and two parts still joined by a pair hold
 * more than the bound together. The dedupe library bounds its components before hierarchical clustering for the same
 * reason, by re-filtering an oversized component at a raised threshold; cutting the dendrogram that way leaves each
 * document that would join an oversized cluster on its own, where skipping lets it still join a part with room (on
 * the full AllSides corpus at a bound of 5,000: 70% against 87% of the unbounded run's same-event pairs kept;
 * docs/events.md). Written here because no library in the build offers union-find over the edges of one Spark group.
 */
final class ComponentSplit {
  private ComponentSplit() {}

  /** Each node of the edges, and its part: the smallest node of the part; a node cut from every edge is its own. */
  record Parts(long[] node, long[] part) {}

  /**
   * @param a one node of each edge (every edge of the component at the threshold)
   * @param b the other node
   * @param sim the edge's similarity
   * @param max the most nodes a part may hold
   */
  static Parts split(long[] a, long[] b, double[] sim, int max) {
    int m = a.length;
    long[] nodes = IntStream.range(0, 2 * m).mapToLong(i -> i < m ? a[i] : b[i - m]).sorted().distinct().toArray();
    int n = nodes.length;
    int[] parent = new int[n];
    int[] size = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
      size[i] = 1;
    }
    // Strongest first; equal similarities in the order of their nodes, so that the parts do not depend on the order
    // in which the edges arrive.
    int[] order = IntStream.range(0, m).boxed()
        .sorted(Comparator.<Integer>comparingDouble(e -> -sim[e]).thenComparingLong(e -> a[e]).thenComparingLong(e -> b[e]))
        .mapToInt(Integer::intValue).toArray();
    for (int e : order) {
      int x = find(parent, Arrays.binarySearch(nodes, a[e]));
      int y = find(parent, Arrays.binarySearch(nodes, b[e]));
      if (x == y) {
        continue;
      }
      if (size[x] + size[y] > max) {
        continue;
      }
      if (size[x] < size[y]) {
        int t = x;
        x = y;
        y = t;
      }
      parent[y] = x;
      size[x] += size[y];
    }
    // nodes are sorted: the first node met of each part is its smallest.
    long[] smallest = new long[n];
    Arrays.fill(smallest, Long.MAX_VALUE);
    long[] part = new long[n];
    for (int i = 0; i < n; i++) {
      int r = find(parent, i);
      if (smallest[r] == Long.MAX_VALUE) {
        smallest[r] = nodes[i];
      }
      part[i] = smallest[r];
    }
    return new Parts(nodes, part);
  }

  /**
   * The parts of one component as rows (vid, comp) of {@link org.framelens.linking.Components#SCHEMA}.
   *
   * @param edges rows (comp, a, b, sim) of one component
   */
  static Iterator<Row> rows(Iterator<Row> edges, int max) {
    EdgeList e = EdgeList.read(edges);
    Parts p = split(e.a, e.b, e.sim, max);
    return IntStream.range(0, p.node().length).mapToObj(i -> RowFactory.create(p.node()[i], p.part()[i])).iterator();
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];   // path halving
      i = parent[i];
    }
    return i;
  }
}
