/**
 * A feature store over Delta tables, shaped like Databricks' {@code FeatureEngineeringClient}. Labs use the client
 * {@link org.mllabs.runtime.featurestore.FeatureStore}, which hands table operations to
 * {@link org.mllabs.runtime.featurestore.FeatureTables} and model operations to
 * {@link org.mllabs.runtime.featurestore.FeatureModels}. {@code FeatureTables} creates, writes (merge or overwrite)
 * and reads feature tables with primary keys and an optional timestamp key, kept as table properties
 * ({@link org.mllabs.runtime.featurestore.FeatureTable}) so that readers without this service find them, and builds
 * training sets from {@link org.mllabs.runtime.featurestore.FeatureLookup}s with a point-in-time correct join
 * ({@link org.mllabs.runtime.featurestore.PointInTimeJoin}); it needs only Spark. {@code FeatureModels} logs models
 * with their feature lineage ({@link org.mllabs.runtime.featurestore.FeatureSpec}, dataset inputs) and the training
 * rows, and scores batches by key; it needs the MLflow server too. {@code FeatureTables.publishTable} copies each
 * key's latest row to the {@link org.mllabs.runtime.featurestore.OnlineStore} (an
 * {@link org.mllabs.runtime.featurestore.OnlineTable} a table), where serving endpoints look features up by key.
 */
package org.mllabs.runtime.featurestore;
