package org.mllabs.graders.lab05;

import java.util.List;
import org.mllabs.grading.Check;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.lab.LabSteps;

/** Grades lab 05, model evaluation, one check per README step. */
public final class EvaluationGrader implements Grader {

    /** The steps of lab 05 that the checks grade. */
    static final LabSteps STEPS = LabSteps.of("lab05");

    @Override
    public String labId() {
        return STEPS.labId();
    }

    @Override
    public List<Check> checks(GradingContext context) {
        EvaluationEvidence evidence = EvaluationEvidence.of(context);
        SplitChecks splits = new SplitChecks(evidence);
        MetricChecks metrics = new MetricChecks(evidence);
        BaselineChecks baselines = new BaselineChecks(evidence);
        return List.of(
                STEPS.check(1, 15, "the classification splits are stratified",
                        "rank each class's rows in a seeded random order and keep the first "
                                + "trainFraction of each class for training, the rest for the test set.",
                        splits::stratified),
                STEPS.check(2, 10, "class shares of both sides recorded",
                        "log train_share_<class> and test_share_<class>, each class's rows over the "
                                + "side's rows, for both sides of the split.",
                        splits::shares),
                STEPS.check(3, 15, "binary metrics are what the model scores",
                        "score the test rows with BinaryClassificationEvaluator, metricName "
                                + "areaUnderROC for roc_auc and areaUnderPR for pr_auc.",
                        () -> metrics.rescored(GradedTask.CHURN)),
                STEPS.check(4, 15, "multiclass metrics are what the model scores",
                        "score the test rows with MulticlassClassificationEvaluator, metricName f1, "
                                + "accuracy, weightedPrecision and weightedRecall.",
                        () -> metrics.rescored(GradedTask.CONTRACT)),
                STEPS.check(5, 15, "regression metrics are what the model scores",
                        "score the test rows (not the training rows) with RegressionEvaluator, "
                                + "metricName rmse, mae and r2.",
                        () -> metrics.rescored(GradedTask.PRICE)),
                STEPS.check(6, 15, "a constant baseline for each model",
                        "a SQLTransformer pipeline that gives every row the training rows' most "
                                + "frequent class (with a constant rawPrediction) or their mean label.",
                        baselines::constant),
                STEPS.check(7, 15, "baselines scored and beaten",
                        "log each baseline metric as baseline_<name>, and tag beats_baseline by the "
                                + "primary metric, minding that a lower RMSE is better.",
                        baselines::comparison));
    }
}
