package org.mllabs.runtime;

import java.util.Locale;
import java.util.Optional;
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

    /** The folder of every learner's experiments: {@code /mllabs/<learner>/<lab>}. */
    public static final String EXPERIMENT_ROOT = "/mllabs/";

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
        return experimentFolder() + labId;
    }

    /** The folder of this learner's experiments, such as {@code /mllabs/ada/}. */
    public String experimentFolder() {
        return EXPERIMENT_ROOT + value + "/";
    }

    /**
     * The learner whose experiment of the lab this is, if the name has the form {@code /mllabs/<learner>/<lab>} with a
     * valid learner id.
     */
    public static Optional<LearnerId> ofExperiment(String experimentName, String labId) {
        String suffix = "/" + labId;
        if (!experimentName.startsWith(EXPERIMENT_ROOT) || !experimentName.endsWith(suffix)
                || experimentName.length() <= EXPERIMENT_ROOT.length() + suffix.length()) {
            return Optional.empty();
        }
        String middle = experimentName.substring(EXPERIMENT_ROOT.length(), experimentName.length() - suffix.length());
        return VALID.matcher(middle).matches() ? Optional.of(new LearnerId(middle)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
