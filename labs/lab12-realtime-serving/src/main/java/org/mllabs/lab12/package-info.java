/**
 * Lab 12, signatures and real-time serving: {@link org.mllabs.lab12.RealtimeServingLab} (given code) trains and
 * registers the models, builds the feature table and plays the app ({@link org.mllabs.lab12.BillingApp});
 * {@link org.mllabs.lab12.ServingSteps} holds the steps.
 */
package org.mllabs.lab12;
