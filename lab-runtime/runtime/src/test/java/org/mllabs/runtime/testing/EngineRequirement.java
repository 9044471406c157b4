package org.mllabs.runtime.testing;

import org.junit.jupiter.api.Assumptions;
import org.mllabs.runtime.LabEnvironment;

/** What a test does when what it needs from the machine is missing: skip on a laptop, fail in CI. */
public final class EngineRequirement {

    private EngineRequirement() {
    }

    /**
     * Skips the test with the message, or fails it in continuous integration.
     *
     * @param environment tells whether this is CI
     * @param message what is missing and how to get it
     */
    public static void unmet(LabEnvironment environment, String message) {
        if (environment.isCi()) {
            throw new AssertionError("CI=true, so this is a failure, not a skip: " + message);
        }
        Assumptions.abort(message);
    }
}
