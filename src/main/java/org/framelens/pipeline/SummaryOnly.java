package org.framelens.pipeline;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an option that only shapes the summary and the report (how many rows each section shows): giving it on
 * `framelens run` does not ask for its stage, which stays free to be skipped on a corpus it cannot analyse.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface SummaryOnly {}
