package org.mllabs.graders.lab09;

import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * A trial's logged loss beside what the grader recomputes for it on the rows the lab recorded: one minus the AUC a
 * model with the trial's params scores on the validation part. When the two differ, the problem names what the logged
 * loss is instead, where it can tell: the AUC itself (a loss in the wrong direction, which the search then
 * minimizes), or one minus the AUC on the training part (the right number on the wrong rows).
 *
 * @param logged the trial's metric {@code loss}
 * @param validationAuc the AUC of the model on the validation part
 * @param trainingAuc the AUC of the same model on the training part, computed only when a problem needs it
 */
record RecomputedLoss(double logged, double validationAuc, DoubleSupplier trainingAuc) {

    /**
     * How far the logged loss may be from the recomputed one. The grader scores the same model, or one fitted with the
     * same params on the same rows, on the same rows: the two differ by the order of floating-point sums at most.
     */
    static final double AGREEMENT = 0.002;

    /** The loss the grader recomputes: one minus the validation AUC. */
    double recomputed() {
        return 1 - validationAuc;
    }

    /** Whether the logged loss is the recomputed one. */
    boolean agrees() {
        return Math.abs(logged - recomputed()) <= AGREEMENT;
    }

    /**
     * What is wrong, in one line; empty when the two agree.
     *
     * @param scored what was scored, such as {@code its model} or {@code a model refitted with its params}
     * @param validationRows how many validation rows the lab recorded
     */
    Optional<String> problem(String scored, long validationRows) {
        if (agrees()) {
            return Optional.empty();
        }
        if (Math.abs(logged - validationAuc) <= AGREEMENT) {
            return Optional.of(String.format(Locale.ROOT, "loss %.4f is the validation AUC itself, not 1 - AUC = %.4f:"
                    + " the search minimizes the loss, so a loss that grows with the AUC makes it pick the worst "
                    + "models; return 1 - auc", logged, recomputed()));
        }
        double trainingLoss = 1 - trainingAuc.getAsDouble();
        if (Math.abs(logged - trainingLoss) <= AGREEMENT) {
            return Optional.of(String.format(Locale.ROOT, "loss %.4f is 1 - AUC on the training part, not on the "
                    + "validation part (%.4f on its %d rows): evaluate the model on validation", logged, recomputed(),
                    validationRows));
        }
        return Optional.of(String.format(Locale.ROOT, "loss %.4f is not what %s scores: 1 - AUC = %.4f on the %d "
                + "validation rows SearchLab recorded", logged, scored, recomputed(), validationRows));
    }
}
