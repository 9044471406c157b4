/**
 * Delta tables as a grader reads them: with the Delta Kernel and its default engine, never with Spark, so a grade
 * does not start a Spark session to look at a table and does not share the learner's Delta code paths.
 * {@link org.mllabs.grading.delta.DeltaTableReader} opens a table by path (latest version, a snapshot at a version or
 * at a timestamp, the commit history); {@link org.mllabs.grading.delta.DeltaSnapshot} is one version of it (schema,
 * table properties, rows as plain Java values); {@link org.mllabs.grading.delta.DeltaCommit} is one entry of the
 * history and {@link org.mllabs.grading.delta.DeltaColumn} one column of a schema.
 */
package org.mllabs.grading.delta;
