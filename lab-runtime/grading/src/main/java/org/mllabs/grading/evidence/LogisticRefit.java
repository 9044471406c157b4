package org.mllabs.grading.evidence;

import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A logistic regression the grader fits itself with the hyperparameters a learner's run names: a pipeline of a
 * {@code VectorAssembler} of the features and a {@code LogisticRegression}, as the tuning labs build it. A grader
 * refits a sample of a search's candidates to see whether the metric each one reports is what its params give, which an
 * objective that ignores its params, or a metric logged against the wrong candidate, does not show.
 *
 * @param features the feature columns, in order
 * @param labelColumn the label column, 0 or 1
 */
public record LogisticRefit(List<String> features, String labelColumn) {

    public LogisticRefit {
        features = List.copyOf(features);
    }

    /** The pipeline fitted on the rows with these hyperparameters. */
    public PipelineModel fit(Dataset<Row> rows, double regParam, double elasticNetParam, int maxIter) {
        return new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(features.toArray(String[]::new)).setOutputCol("features"),
            new LogisticRegression().setLabelCol(labelColumn)
                    .setRegParam(regParam).setElasticNetParam(elasticNetParam).setMaxIter(maxIter)
        }).fit(rows);
    }

    /** The area under the ROC curve of the model on the rows (see {@link HeldOutAuc}). */
    public double auc(PipelineModel model, Dataset<Row> rows) {
        return HeldOutAuc.of(model, rows, labelColumn);
    }
}
