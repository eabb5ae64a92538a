package org.framelens.output;

import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.Metadata;

/**
 * The contract of one output table: its name (the folder under --output), schema version, purpose and columns.
 * The schema is the single source of truth: writers are checked against it and docs/tables.md is generated from it.
 */
public record TableSpec(String name, int version, String purpose, List<Column> columns) implements OutputSpec {

  public StructType schema() {
    return new StructType(columns.stream()
        .map(c -> new StructField(c.name(), c.type(), c.nullable(), Metadata.empty()))
        .toArray(StructField[]::new));
  }

  public String[] columnNames() {
    return columns.stream().map(Column::name).toArray(String[]::new);
  }
}
