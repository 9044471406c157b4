package org.mllabs.runtime;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who is doing the labs. Several learners can share one MLflow server: each gets experiments of their own, and every
 * run a lab logs is tagged with the id.
 *
 * @param value letters, digits, {@code .}, {@code _} or {@code -}
 */
public record LearnerId(String value) {

    /** The variable that sets the learner's id; the login name otherwise. */
    public static final String MLLABS_LEARNER = "MLLABS_LEARNER";

    /** The run tag that carries the learner's id. */
    public static final String TAG = "mllabs.learner";

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public LearnerId {
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("\"" + value + "\" is not a learner id: use 1 to 64 lower-case letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit (set " + MLLABS_LEARNER + ").");
        }
    }

    /** {@code MLLABS_LEARNER}, else the login name made lower case. */
    public static LearnerId from(LabEnvironment environment) {
        return new LearnerId(environment.get(MLLABS_LEARNER)
                .orElseGet(() -> System.getProperty("user.name", "learner").toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9._-]", "-")));
    }

    /** The experiment a lab logs to for this learner, such as {@code /mllabs/ada/lab01}. */
    public String experimentName(String labId) {
        return "/mllabs/" + value + "/" + labId;
    }

    @Override
    public String toString() {
        return value;
    }
}
