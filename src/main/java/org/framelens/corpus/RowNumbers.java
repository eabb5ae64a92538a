package org.framelens.corpus;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;

/** Row numbers in input order (zipWithIndex: exact and distributed, unlike a window over one partition). */
final class RowNumbers {
  private RowNumbers() {}

  static Dataset<Row> add(Dataset<Row> df, String column) {
    JavaRDD<Row> numbered = df.javaRDD().zipWithIndex().map(t -> {
      Object[] values = new Object[t._1().size() + 1];
      for (int i = 0; i < t._1().size(); i++) {
        values[i] = t._1().get(i);
      }
      values[values.length - 1] = t._2();
      return RowFactory.create(values);
    });
    return df.sparkSession().createDataFrame(numbered, df.schema().add(column, DataTypes.LongType, false));
  }
}
