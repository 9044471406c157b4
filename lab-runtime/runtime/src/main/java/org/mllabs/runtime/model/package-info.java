/**
 * Spark {@code PipelineModel}s as MLflow models: {@link org.mllabs.runtime.model.SparkModelLogger} writes the layout
 * Python's {@code mlflow.spark.log_model} writes (so Python's {@code mlflow.pyfunc.load_model} loads what Java logged),
 * {@link org.mllabs.runtime.model.ModelSignature} infers signatures from Spark schemas,
 * {@link org.mllabs.runtime.model.SparkModelLoader} loads models back by {@code runs:/} or {@code models:/} URI, and
 * {@link org.mllabs.runtime.model.SparkModels} puts logging, registering and loading together, telling a
 * {@link org.mllabs.runtime.model.ModelLoadListener} of each load with the
 * {@link org.mllabs.runtime.model.ResolvedModel} its URI resolved to.
 */
package org.mllabs.runtime.model;
