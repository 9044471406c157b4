/**
 * A feature store over Delta tables, shaped like Databricks' {@code FeatureEngineeringClient}:
 * {@link org.mllabs.runtime.featurestore.FeatureStore} creates, writes (merge or overwrite) and reads feature tables
 * with primary keys and an optional timestamp key, kept as table properties
 * ({@link org.mllabs.runtime.featurestore.FeatureTable}) so that readers without this service find them; it builds
 * training sets from {@link org.mllabs.runtime.featurestore.FeatureLookup}s with a point-in-time correct join
 * ({@link org.mllabs.runtime.featurestore.PointInTimeJoin}), logs models with their feature lineage
 * ({@link org.mllabs.runtime.featurestore.FeatureSpec}, dataset inputs) and scores batches by key.
 */
package org.mllabs.runtime.featurestore;
