/**
 * Inference tables: every scoring request and its response recorded, in Databricks' columns, in a Delta table per
 * endpoint ({@link org.mllabs.serving.inference.InferenceTables}), written in small batches.
 */
package org.mllabs.serving.inference;
