package org.framelens.output;

import java.io.Serializable;
import org.apache.spark.sql.types.DataType;

/** One documented column of an output table. */
public record Column(String name, DataType type, boolean nullable, String meaning) implements Serializable {}
