/**
 * The serving service as a process of its own, beside the MLflow server: {@link org.mllabs.serving.service.ServingMain}
 * runs it, {@link org.mllabs.serving.service.ServingProcess} starts, finds and stops it through a record in the state
 * directory ({@link org.mllabs.serving.service.ServingRecord}), {@link org.mllabs.serving.service.ServingService} puts
 * its parts together.
 */
package org.mllabs.serving.service;
