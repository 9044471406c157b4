/**
 * Scoring requests read the way MLflow's scoring server reads them, for the serving service: a request body in one of
 * MLflow's formats ({@code dataframe_split}, {@code dataframe_records}, {@code instances}, {@code inputs}) becomes the
 * {@link org.mllabs.serving.scoring.ModelInput} MLflow would hand the model, its signature enforced, or MLflow's own
 * refusal ({@link org.mllabs.serving.scoring.ScoringInputs}). Plain requests are read in Java; the others, and every
 * refusal, by Python MLflow's code ({@link org.mllabs.serving.scoring.MlflowInputCheck}), so the rules and the wording
 * are MLflow's.
 */
package org.mllabs.serving.scoring;
