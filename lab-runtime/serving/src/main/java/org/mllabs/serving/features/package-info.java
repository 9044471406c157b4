/**
 * Feature lookup at serving time: a model logged with a {@code feature_spec.yaml} (the runtime's feature store) is
 * served by a {@link org.mllabs.serving.features.FeatureLookupModel}, which takes requests that carry the lookup keys
 * and adds the features it finds for them in the feature tables' online copies
 * ({@link org.mllabs.serving.features.OnlineFeatures}), as Databricks Model Serving does with online stores.
 */
package org.mllabs.serving.features;
