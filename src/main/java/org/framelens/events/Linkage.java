package org.framelens.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Average-linkage (UPGMA) agglomerative clustering of one connected component of the similarity graph: the two
 * clusters with the highest mean similarity over all their cross pairs merge, while that mean is at least the
 * threshold. Pairs without an edge count 0, so a chain a-b-c with no a-c edge cannot merge at a high threshold:
 * this is what keeps unrelated stories from chaining into one giant event, which single linkage (connected
 * components) would do. Written here because neither Spark ML nor GraphX offers hierarchical clustering of a sparse
 * graph; it runs inside one task per component.
 */
public final class Linkage {
  private Linkage() {}

  /** Day of an undated node. */
  public static final int UNDATED = Integer.MIN_VALUE;

  /** A node's cluster: its smallest member, its medoid, and the mean pair similarity inside it. */
  public record Assignment(long node, long cluster, long centre, double cohesion, int size) {}

  private static final class Cluster {
    long id;
    final List<Integer> members = new ArrayList<>();
    /** Summed similarity to each neighbouring cluster, by its index. */
    final Map<Integer, Double> links = new HashMap<>();
    double internal;
    int version;
    /** Earliest and latest day of its dated members; first > last while it has none. */
    int first = Integer.MAX_VALUE;
    int last = Integer.MIN_VALUE;

    Cluster(long id) {
      this.id = id;
    }
  }

  private record Merge(double mean, int a, int b, int va, int vb, long ida, long idb) {}

  /**
   * Clusters the nodes of the edges (a[i], b[i], sim[i]), each pair once; every node appears in at least one edge.
   * dayA[i] and dayB[i] are the nodes' days ({@link #UNDATED} for none): two clusters never merge when their dated
   * members would then span more than maxSpan days, so that undated documents, matched with every date, cannot join
   * stories of different years into one.
   */
  public static List<Assignment> cluster(long[] a, long[] b, double[] sim, int[] dayA, int[] dayB, double threshold,
      int maxSpan) {
    Map<Long, Integer> index = new HashMap<>();
    List<Long> nodes = new ArrayList<>();
    List<Integer> days = new ArrayList<>();
    for (int e = 0; e < a.length; e++) {
      for (int side = 0; side < 2; side++) {
        long v = side == 0 ? a[e] : b[e];
        if (index.putIfAbsent(v, nodes.size()) == null) {
          nodes.add(v);
          days.add(side == 0 ? dayA[e] : dayB[e]);
        }
      }
    }
    int n = nodes.size();
    Cluster[] clusters = new Cluster[n];
    for (int i = 0; i < n; i++) {
      clusters[i] = new Cluster(nodes.get(i));
      clusters[i].members.add(i);
      if (days.get(i) != UNDATED) {
        clusters[i].first = days.get(i);
        clusters[i].last = days.get(i);
      }
    }
    for (int e = 0; e < a.length; e++) {
      int i = index.get(a[e]);
      int j = index.get(b[e]);
      if (i == j) {
        continue;
      }
      clusters[i].links.merge(j, sim[e], Math::max);
      clusters[j].links.merge(i, sim[e], Math::max);
    }
    // Highest mean first; ties go to the smaller ids, so the result does not depend on the order of the edges.
    PriorityQueue<Merge> queue = new PriorityQueue<>((x, y) -> x.mean != y.mean ? Double.compare(y.mean, x.mean)
        : x.ida != y.ida ? Long.compare(x.ida, y.ida) : Long.compare(x.idb, y.idb));
    for (int i = 0; i < n; i++) {
      offer(queue, clusters, i, threshold, maxSpan);
    }
    while (!queue.isEmpty()) {
      Merge m = queue.poll();
      Cluster x = clusters[m.a];
      Cluster y = clusters[m.b];
      if (x == null || y == null || x.version != m.va || y.version != m.vb) {
        continue;   // one of them has merged since this entry was queued
      }
      // Merge the smaller into the larger; the survivor keeps the smaller id.
      int keep = x.members.size() >= y.members.size() ? m.a : m.b;
      int gone = keep == m.a ? m.b : m.a;
      Cluster k = clusters[keep];
      Cluster g = clusters[gone];
      k.internal += g.internal + k.links.get(gone);
      k.links.remove(gone);
      for (Map.Entry<Integer, Double> e : g.links.entrySet()) {
        if (e.getKey() == keep) {
          continue;
        }
        k.links.merge(e.getKey(), e.getValue(), Double::sum);
        Cluster other = clusters[e.getKey()];
        other.links.remove(gone);
        other.links.merge(keep, e.getValue(), Double::sum);
      }
      k.members.addAll(g.members);
      k.first = Math.min(k.first, g.first);
      k.last = Math.max(k.last, g.last);
      k.id = Math.min(k.id, g.id);
      // Only the means with the merged cluster changed: its version voids their queued entries, and its links are
      // queued again. A neighbour's entries with third clusters stay valid (requeueing them too made each merge cost
      // the sum of its neighbours' degrees, and the queue of a 25,000-document component outgrew a 2 GB heap).
      k.version++;
      clusters[gone] = null;
      offer(queue, clusters, keep, threshold, maxSpan);
    }

    // Each node's summed similarity to the other members of its cluster, for the medoid: from the edges, each pair
    // once, rather than from a second map per node kept through the merges.
    int[] owner = new int[n];
    for (int c = 0; c < n; c++) {
      if (clusters[c] != null) {
        for (int i : clusters[c].members) {
          owner[i] = c;
        }
      }
    }
    double[] toMembers = new double[n];
    for (int e = 0; e < a.length; e++) {
      int i = index.get(a[e]);
      int j = index.get(b[e]);
      if (i != j && owner[i] == owner[j]) {
        toMembers[i] += sim[e];
        toMembers[j] += sim[e];
      }
    }
    List<Assignment> out = new ArrayList<>(n);
    for (Cluster c : clusters) {
      if (c == null) {
        continue;
      }
      int size = c.members.size();
      double pairs = size * (size - 1) / 2.0;
      double cohesion = size > 1 ? c.internal / pairs : 1.0;
      long centre = -1;
      double best = Double.NEGATIVE_INFINITY;
      for (int i : c.members) {
        long id = nodes.get(i);
        if (toMembers[i] > best || toMembers[i] == best && id < centre) {
          best = toMembers[i];
          centre = id;
        }
      }
      for (int i : c.members) {
        out.add(new Assignment(nodes.get(i), c.id, centre, cohesion, size));
      }
    }
    return out;
  }

  private static void offer(PriorityQueue<Merge> queue, Cluster[] clusters, int i, double threshold, int maxSpan) {
    Cluster c = clusters[i];
    for (Map.Entry<Integer, Double> e : c.links.entrySet()) {
      Cluster o = clusters[e.getKey()];
      double mean = e.getValue() / ((double) c.members.size() * o.members.size());
      int first = Math.min(c.first, o.first);
      int last = Math.max(c.last, o.last);
      boolean inSpan = first > last || (long) last - first <= maxSpan;
      if (mean >= threshold && inSpan) {
        long lo = Math.min(c.id, o.id);
        long hi = Math.max(c.id, o.id);
        queue.add(lo == c.id ? new Merge(mean, i, e.getKey(), c.version, o.version, lo, hi)
            : new Merge(mean, e.getKey(), i, o.version, c.version, lo, hi));
      }
    }
  }
}
