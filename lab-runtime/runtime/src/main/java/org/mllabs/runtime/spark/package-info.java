/**
 * The Spark session labs run on: {@link org.mllabs.runtime.spark.LabSpark} builds one tuned for small data on a
 * laptop, with Delta Lake enabled; its class comment lists every setting and why.
 */
package org.mllabs.runtime.spark;
