package org.mllabs.grading.evidence;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The area under the ROC curve a logged model scores on the rows of a recorded split, so that a grader can recompute a
 * metric a learner reports "on the test split" from the model and the split's keys, and tell which part of the split
 * a reported number comes from. The model is handed the rows without their label ({@link SignatureBoundModel#score}),
 * and the labels are taken from the data by each row's key, never from what the model passes through.
 */
public final class SplitAuc {

    private static final String TRUE_LABEL = "mllabs_true_label";

    private SplitAuc() {
    }

    /**
     * The model's AUC on rows of the data.
     *
     * @param model the logged model; its output must keep the key column
     * @param rows the rows to score, with every column of the data
     * @param data the whole data, where the label of each key is read
     * @param keyColumn the data's key
     * @param labelColumn the data's label, 0 or 1
     * @throws UnscorableModelException when the model cannot predict the rows without their label
     */
    public static double of(Transformer model, Dataset<Row> rows, Dataset<Row> data, String keyColumn,
                            String labelColumn) {
        Dataset<Row> scored = SignatureBoundModel.score(model, rows, List.of(labelColumn))
                .select(col(keyColumn), col(HeldOutAuc.SCORE_COLUMN));
        Dataset<Row> labels = data.select(col(keyColumn), col(labelColumn).as(TRUE_LABEL));
        return HeldOutAuc.of(scored.join(labels, keyColumn), HeldOutAuc.SCORE_COLUMN, TRUE_LABEL);
    }
}
