/**
 * Lab 11, the Champion/Challenger rollout on a serving endpoint: {@link org.mllabs.lab11.ChampionChallengerLab} (given
 * code) trains and registers the versions and sends the traffic; {@link org.mllabs.lab11.RolloutSteps} holds the steps.
 */
package org.mllabs.lab11;
