/**
 * Hyperparameter search, Hyperopt's model in Java: a {@link org.mllabs.runtime.search.SearchSpace} of uniform,
 * log-uniform, q-uniform and choice parameters (choices may nest spaces), an
 * {@link org.mllabs.runtime.search.Objective} returning a {@link org.mllabs.runtime.search.TrialResult}, and
 * {@link org.mllabs.runtime.search.Search#minimize} with {@link org.mllabs.runtime.search.Algorithm#RANDOM random
 * search} or {@link org.mllabs.runtime.search.Algorithm#TPE Tree-structured Parzen Estimators}.
 *
 * <p>Trials run in parallel threads and are reproducible for a seed: proposals come from one seeded random source in
 * trial-number order, results are recorded in that order. Failed trials are recorded, not fatal.
 * {@link org.mllabs.runtime.search.SearchOptions} adds early stopping and a
 * {@link org.mllabs.runtime.search.TrialLogger}; {@link org.mllabs.runtime.search.MlflowTrialLogger} logs each trial as
 * an MLflow child run.
 *
 * <p>TPE is implemented here ({@link org.mllabs.runtime.search.TpeChooser}) because no maintained Java library on
 * Maven Central offers it; the module README says which were looked at.
 */
package org.mllabs.runtime.search;
