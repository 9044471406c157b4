/**
 * The models endpoints serve: {@link org.mllabs.serving.model.ServedModel}, and Spark ML pipelines scored as MLflow's
 * {@code pyfunc} wrapper scores them ({@link org.mllabs.serving.model.SparkServedModel}).
 */
package org.mllabs.serving.model;
