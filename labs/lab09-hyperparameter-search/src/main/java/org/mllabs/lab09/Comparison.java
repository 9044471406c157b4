package org.mllabs.lab09;

/**
 * What step 4 found when it read the trials back from MLflow.
 *
 * @param summaryRunId the run {@code search-comparison} that records the comparison
 * @param bestTrialRunId the run of the trial with the lowest loss over both searches
 */
record Comparison(String summaryRunId, String bestTrialRunId) {
}
