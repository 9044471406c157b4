/**
 * The grader of lab 11, the Champion/Challenger rollout: {@link org.mllabs.graders.lab11.RolloutGrader} and what it
 * reads ({@link org.mllabs.graders.lab11.RolloutEvidence}).
 */
package org.mllabs.graders.lab11;
