package org.mllabs.grading.evidence;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mllabs.grading.Tolerance;

/**
 * A metric a learner's run reports for the test split, beside the values the grader recomputes itself from the logged
 * model and the split the run recorded: on the recorded test rows, which it must equal up to rounding
 * ({@link Tolerance#close}), on the training rows, and any other value the learner could have logged by mistake (the
 * same rows under another metric name, another model's score). Exact recomputation on the recorded rows tells a
 * metric of the training rows from one of the test rows even for a model that barely overfits, and a hint can name
 * which of them a wrong value is.
 *
 * <pre>{@code
 * SplitMetric auc = SplitMetric.of("test_auc", logged, onTest, onTraining)
 *         .or("the area under the PR curve", prArea);
 * auc.problem().ifPresent(about::add);
 * }</pre>
 */
public final class SplitMetric {

    /** How close, relatively, a reported value must be to the training rows' to be named as theirs. */
    static final double TRAINING_SIDE_MATCH = 1e-3;

    private final String key;
    private final Double reported;
    private final double onTest;
    private final double onTraining;
    private final Map<String, Double> lookalikes = new LinkedHashMap<>();
    private double resolution;

    private SplitMetric(String key, Double reported, double onTest, double onTraining) {
        this.key = key;
        this.reported = reported;
        this.onTest = onTest;
        this.onTraining = onTraining;
    }

    /**
     * A reported metric and the model's values on both sides of the recorded split.
     *
     * @param key the metric's key on the run, such as {@code test_auc}
     * @param reported what the run reports; {@code null} when it reports nothing
     * @param onTest what the model scores on the recorded test rows
     * @param onTraining what it scores on the recorded training rows; NaN when the grader does not know
     */
    public static SplitMetric of(String key, Double reported, double onTest, double onTraining) {
        return new SplitMetric(key, reported, onTest, onTraining);
    }

    /**
     * Another value a wrong report may be, named for the hint, such as {@code "metricName accuracy"} or
     * {@code "the test AUC of reg_param=0.1's model"}; the first that matches is named.
     */
    public SplitMetric or(String what, double value) {
        lookalikes.put(what, value);
        return this;
    }

    /**
     * How far, absolutely, the reported value may be from the test rows' when the metric cannot be reproduced to
     * rounding: {@code BinaryClassificationEvaluator} bins the curve of more than 2,000 rows partition by partition,
     * so its value on that many rows depends on how they were partitioned, by up to about 1e-3. None by default.
     */
    public SplitMetric within(double absolute) {
        this.resolution = absolute;
        return this;
    }

    /** The metric's key on the run. */
    public String key() {
        return key;
    }

    /** What the run reports; {@code null} when nothing. */
    public Double reported() {
        return reported;
    }

    /** The model's value on the recorded test rows. */
    public double onTest() {
        return onTest;
    }

    /** Whether the run reports the model's value on the recorded test rows. */
    public boolean agrees() {
        return reported != null
                && (Tolerance.close(onTest, reported) || Tolerance.withinAbsolute(onTest, reported, resolution));
    }

    /**
     * Whether the reported value is the model's value on the training rows, and not on the test rows: nearer the
     * training rows' value than the test rows', and within {@value #TRAINING_SIDE_MATCH} of it. Spark's
     * {@code BinaryClassificationEvaluator} bins the curve of more than 2,000 rows partition by partition, so on a
     * training side that large its value depends on how the rows were partitioned, by about 1e-4; the test side, and
     * every other metric, the grader reproduces to rounding.
     */
    public boolean isTheTrainingSplits() {
        return reported != null && !agrees() && !Double.isNaN(onTraining)
                && Math.abs(reported - onTraining) < Math.abs(reported - onTest)
                && Tolerance.withinRelative(onTraining, reported, TRAINING_SIDE_MATCH);
    }

    /** The name of the other value the reported one is, when it is one of them. */
    public Optional<String> lookalike() {
        if (reported == null || agrees()) {
            return Optional.empty();
        }
        return lookalikes.entrySet().stream().filter(entry -> Tolerance.close(entry.getValue(), reported))
                .map(Map.Entry::getKey).findFirst();
    }

    /**
     * What is wrong, in one line that shows the values with as many digits as it takes to tell them apart; empty when
     * the run reports the model's value on the recorded test rows.
     */
    public Optional<String> problem() {
        if (reported == null) {
            return Optional.of("expected metric " + key + ", found none");
        }
        if (agrees()) {
            return Optional.empty();
        }
        String test = "the model scores " + apart(onTest, reported) + " on the recorded test rows";
        if (isTheTrainingSplits()) {
            return Optional.of(key + " " + apart(reported, onTest) + " is the model's value on the training split, "
                    + "not the test split: " + test);
        }
        Optional<String> lookalike = lookalike();
        if (lookalike.isPresent()) {
            return Optional.of(key + " " + apart(reported, onTest) + " is " + lookalike.get() + ": " + test);
        }
        return Optional.of(key + " " + apart(reported, onTest) + " is not what the model scores on the recorded "
                + "test rows: " + apart(onTest, reported) + (Double.isNaN(onTraining) ? ""
                        : " (on the training rows " + apart(onTraining, reported) + ")")
                + "; log the value the evaluator computes on the test split");
    }

    /**
     * The value with four significant digits, or as many more as it takes to differ from {@code other} in print.
     */
    public static String apart(double value, double other) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        for (int digits = 4; digits <= 17; digits++) {
            String shown = round(value, digits);
            if (Double.isNaN(other) || !shown.equals(round(other, digits))) {
                return shown;
            }
        }
        return String.valueOf(value);
    }

    private static String round(double value, int digits) {
        return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }
}
