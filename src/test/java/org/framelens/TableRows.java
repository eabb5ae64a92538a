package org.framelens;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;

/** A table's rows as flat value lists, in an order that does not depend on partitioning, compared with a tolerance. */
public final class TableRows {
  private TableRows() {}

  /** Rows of a Parquet table, nested values flattened; two runs' folder paths are made equal; timings dropped. */
  public static List<List<Object>> read(String table, String rootA, String rootB) {
    List<List<Object>> rows = new ArrayList<>();
    for (Row r : TestSpark.get().read().parquet(table).drop("seconds").collectAsList()) {
      List<Object> flat = new ArrayList<>();
      flatten(r, flat, rootA, rootB);
      rows.add(flat);
    }
    rows.sort(Comparator.comparing(TableRows::key));
    return rows;
  }

  /** Equal, with doubles within 1e-9 relative (or 1e-12 absolute). */
  public static boolean close(List<Object> a, List<Object> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      if (x instanceof Double dx && y instanceof Double dy) {
        boolean same = dx.equals(dy) || Math.abs(dx - dy) <= Math.max(1e-12, 1e-9 * Math.max(Math.abs(dx), Math.abs(dy)));
        if (!same) {
          return false;
        }
      } else if (x == null ? y != null : !x.equals(y)) {
        return false;
      }
    }
    return true;
  }

  /** Sort key: doubles to 6 significant digits, so that last-bit differences do not reorder rows. */
  private static String key(List<Object> row) {
    StringBuilder b = new StringBuilder();
    for (Object v : row) {
      b.append(v instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : String.valueOf(v)).append('\u0001');
    }
    return b.toString();
  }

  private static void flatten(Object v, List<Object> out, String rootA, String rootB) {
    if (v instanceof Row r) {
      for (int i = 0; i < r.size(); i++) {
        flatten(r.get(i), out, rootA, rootB);
      }
    } else if (v instanceof scala.collection.Map<?, ?> m) {
      new java.util.TreeMap<>(scala.jdk.javaapi.CollectionConverters.asJava(m)).forEach((k, x) -> {
        out.add(String.valueOf(k));
        flatten(x, out, rootA, rootB);
      });
    } else if (v instanceof scala.collection.Iterable<?> s) {
      out.add("[" + s.size());
      scala.jdk.javaapi.CollectionConverters.asJava(s).forEach(x -> flatten(x, out, rootA, rootB));
    } else if (v instanceof Float f) {
      out.add(f.doubleValue());
    } else if (v instanceof String s) {
      out.add(s.replace(rootA, "<out>").replace(rootB, "<out>"));
    } else if (v instanceof byte[] bytes) {
      out.add(java.util.HexFormat.of().formatHex(bytes));
    } else {
      out.add(v);
    }
  }
}
