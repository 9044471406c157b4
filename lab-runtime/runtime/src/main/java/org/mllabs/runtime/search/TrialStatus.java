package org.mllabs.runtime.search;

/** How a trial ended. */
public enum TrialStatus {
    /** The objective returned a loss. */
    OK,
    /** The objective failed: it said so, threw, or returned no number. The search goes on. */
    FAIL
}
