package org.mllabs.serving.service;

/**
 * What {@code lab serve down} found.
 *
 * @param record the recorded serving process
 * @param wasRunning whether it was still running (and so was stopped)
 */
public record ServingStop(ServingRecord record, boolean wasRunning) {
}
