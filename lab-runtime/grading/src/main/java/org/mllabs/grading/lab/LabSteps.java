package org.mllabs.grading.lab;

import java.util.function.Function;
import java.util.regex.Pattern;
import org.mllabs.grading.Check;
import org.mllabs.grading.CheckRule;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.evidence.LearnerRuns;

/**
 * The steps of one lab as its grader names them: check ids {@code <lab>.step<K>} or {@code <lab>.step<K>.<name>},
 * guidance that starts {@code README step K: }, and the lab's reading of a grade, made once per
 * {@link GradingContext} from its {@link LearnerRuns}.
 */
public final class LabSteps {

    private static final Pattern LAB_ID = Pattern.compile("lab\\d{2}");

    private final String labId;

    private LabSteps(String labId) {
        this.labId = labId;
    }

    /** The steps of the lab with this id, such as {@code lab01}. */
    public static LabSteps of(String labId) {
        if (!LAB_ID.matcher(labId).matches()) {
            throw new IllegalArgumentException("A lab id is lab and two digits, such as lab01, not " + labId);
        }
        return new LabSteps(labId);
    }

    /** The lab's id. */
    public String labId() {
        return labId;
    }

    /** The id of the check of a README step: {@code lab01.step3}. */
    public String id(int step) {
        if (step < 1) {
            throw new IllegalArgumentException("README steps count from 1, not " + step);
        }
        return labId + ".step" + step;
    }

    /** The id of a further check of a README step: {@code lab01.step3.auc}. */
    public String id(int step, String name) {
        return id(step) + "." + name;
    }

    /** Guidance that points at the README step: {@code README step 3: } and the text. */
    public String guidance(int step, String text) {
        return "README step " + step + ": " + text;
    }

    /** A visible check of a README step, with no prerequisites; {@code guidance} is said after the step's number. */
    public Check check(int step, int points, String description, String guidance, CheckRule rule) {
        return Check.of(id(step), points, description, guidance(step, guidance), rule);
    }

    /** A further visible check of a README step, named {@code <lab>.step<K>.<name>}. */
    public Check check(int step, String name, int points, String description, String guidance, CheckRule rule) {
        return Check.of(id(step, name), points, description, guidance(step, guidance), rule);
    }

    /** What the MLflow server holds of the lab for this grade. */
    public LearnerRuns runs(GradingContext context) {
        return LearnerRuns.of(context, labId);
    }

    /**
     * The lab's reading of this grade, made by {@code read} from the grade's {@link LearnerRuns} the first time a
     * check, hidden check or figure asks for it, and shared by all of them ({@link GradingContext#evidence}).
     */
    public <T> T evidence(GradingContext context, Class<T> type, Function<LearnerRuns, T> read) {
        return context.evidence(type, () -> read.apply(runs(context)));
    }
}
