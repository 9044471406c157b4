package org.mllabs.grading.evidence;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The area under the ROC curve of a binary classifier on held-out rows, as {@code BinaryClassificationEvaluator}'s
 * {@code areaUnderROC} defines it (the score is {@code rawPrediction}'s second element, or the column itself when it
 * is a number; rows with equal scores share one point of the curve), computed exactly.
 *
 * <p>Graders score many models on a few thousand rows: the evaluator spends several Spark jobs and two shuffles on
 * each, and bins the curve beyond 1,000 distinct scores; here the model's scores are collected in one job and the
 * area is counted on the driver. {@code HeldOutAucTest} shows the two agree.
 */
public final class HeldOutAuc {

    /** The column {@code BinaryClassificationEvaluator} reads by default. */
    public static final String SCORE_COLUMN = "rawPrediction";

    private HeldOutAuc() {
    }

    /**
     * The AUC of the model's {@value #SCORE_COLUMN} on the rows, whose label (0 or 1) is in {@code labelColumn}. The
     * model is handed only its inputs, never the label ({@link SignatureBoundModel#score}).
     *
     * @throws UnscorableModelException when the model cannot predict the rows given only its inputs
     */
    public static double of(Transformer model, Dataset<Row> rows, String labelColumn) {
        return of(SignatureBoundModel.score(model, rows, List.of(labelColumn)), SCORE_COLUMN, labelColumn);
    }

    /**
     * The AUC of scored rows.
     *
     * @param scored rows with a score and a label
     * @param scoreColumn a number, or a vector whose second element is the positive class's score
     * @param labelColumn 1 for positive rows, 0 for negative ones
     * @return the area, or NaN when the rows hold only one class
     */
    public static double of(Dataset<Row> scored, String scoreColumn, String labelColumn) {
        List<Row> rows = scored.select(functions.col(scoreColumn), functions.col(labelColumn).cast("double"))
                .collectAsList();
        double[] scores = new double[rows.size()];
        boolean[] positive = new boolean[rows.size()];
        for (int i = 0; i < scores.length; i++) {
            Object score = rows.get(i).get(0);
            scores[i] = score instanceof Vector vector ? vector.apply(1) : ((Number) score).doubleValue();
            positive[i] = rows.get(i).getDouble(1) == 1.0;
        }
        return area(scores, positive);
    }

    /** The AUC of scores and their classes: each (positive, negative) pair ordered right counts 1, a tie 1/2. */
    static double area(double[] scores, boolean[] positive) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        double pairs = 0;
        long positivesAbove = 0;
        long positives = 0;
        long negatives = 0;
        int start = 0;
        while (start < order.length) {
            int end = start;
            long groupPositives = 0;
            long groupNegatives = 0;
            while (end < order.length && scores[order[end]] == scores[order[start]]) {
                if (positive[order[end]]) {
                    groupPositives++;
                } else {
                    groupNegatives++;
                }
                end++;
            }
            pairs += groupNegatives * (positivesAbove + groupPositives / 2.0);
            positivesAbove += groupPositives;
            positives += groupPositives;
            negatives += groupNegatives;
            start = end;
        }
        return positives == 0 || negatives == 0 ? Double.NaN : pairs / ((double) positives * negatives);
    }
}
