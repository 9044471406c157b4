package org.mllabs.lab09;

import java.util.Map;
import org.mllabs.runtime.search.Algorithm;
import org.mllabs.runtime.search.Trials;

/**
 * One search of step 3 as MLflow holds it.
 *
 * @param algorithm random search or TPE
 * @param parentRunId the search's parent run
 * @param trials every trial, in trial-number order
 * @param trialRunIds the child run of each trial, by trial number ({@code MlflowTrialLogger.runIds()})
 */
record SearchRun(Algorithm algorithm, String parentRunId, Trials trials, Map<Integer, String> trialRunIds) {
}
