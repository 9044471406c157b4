/**
 * The grader of lab 06, the model registry and aliases: {@link org.mllabs.graders.lab06.RegistryGrader} checks each
 * step from what the registry and the tracking server hold, read once by
 * {@link org.mllabs.graders.lab06.RegistryEvidence}.
 */
package org.mllabs.graders.lab06;
