package org.framelens.events;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;

/**
 * The pairs of one component, read from a Spark group into primitive arrays in the order of their nodes. A giant
 * component has millions of pairs, which as rows (or collected into one row) take several times the memory; and the
 * shuffle delivers them in any order, while {@link Linkage} must sum its means in the same order on every run.
 */
final class EdgeList {
  final long[] a;
  final long[] b;
  final double[] sim;
  /** Days of a and b ({@link Linkage#UNDATED} for none); all undated when the rows carry no days. */
  final int[] dayA;
  final int[] dayB;

  private EdgeList(long[] a, long[] b, double[] sim, int[] dayA, int[] dayB) {
    this.a = a;
    this.b = b;
    this.sim = sim;
    this.dayA = dayA;
    this.dayB = dayB;
  }

  /**
   * @param rows (key, a, b, sim) or (key, a, b, sim, day_a, day_b), the days nullable
   */
  static EdgeList read(Iterator<Row> rows) {
    long[] a = new long[1024];
    long[] b = new long[1024];
    double[] sim = new double[1024];
    int[] dayA = new int[1024];
    int[] dayB = new int[1024];
    int m = 0;
    while (rows.hasNext()) {
      Row r = rows.next();
      if (m == a.length) {
        a = Arrays.copyOf(a, 2 * m);
        b = Arrays.copyOf(b, 2 * m);
        sim = Arrays.copyOf(sim, 2 * m);
        dayA = Arrays.copyOf(dayA, 2 * m);
        dayB = Arrays.copyOf(dayB, 2 * m);
      }
      a[m] = r.getLong(1);
      b[m] = r.getLong(2);
      sim[m] = r.getDouble(3);
      boolean days = r.size() > 4;
      dayA[m] = !days || r.isNullAt(4) ? Linkage.UNDATED : r.getInt(4);
      dayB[m] = !days || r.isNullAt(5) ? Linkage.UNDATED : r.getInt(5);
      m++;
    }
    return new EdgeList(Arrays.copyOf(a, m), Arrays.copyOf(b, m), Arrays.copyOf(sim, m), Arrays.copyOf(dayA, m),
        Arrays.copyOf(dayB, m)).sorted();
  }

  private EdgeList sorted() {
    int[] order = IntStream.range(0, a.length).boxed().sorted(Comparator.<Integer>comparingLong(i -> a[i])
        .thenComparingLong(i -> b[i]).thenComparingDouble(i -> sim[i])).mapToInt(Integer::intValue).toArray();
    return new EdgeList(IntStream.of(order).mapToLong(i -> a[i]).toArray(), IntStream.of(order).mapToLong(i -> b[i]).toArray(),
        IntStream.of(order).mapToDouble(i -> sim[i]).toArray(), IntStream.of(order).map(i -> dayA[i]).toArray(),
        IntStream.of(order).map(i -> dayB[i]).toArray());
  }
}
