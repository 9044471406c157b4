package org.mllabs.graders.lab02;

import static org.mllabs.runtime.mlflow.RunData.id;
import static org.mllabs.runtime.mlflow.RunData.metrics;
import static org.mllabs.runtime.mlflow.RunData.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.Check;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Problems;
import org.mllabs.grading.Tolerance;
import org.mllabs.grading.evidence.HeldOutAuc;
import org.mllabs.grading.evidence.PipelineStages;
import org.mllabs.grading.evidence.RecordedSplit;
import org.mllabs.grading.evidence.SplitAuc;
import org.mllabs.grading.lab.LabSteps;

/**
 * Grades lab 02, feature engineering pipeline, one check per README step. Steps 2 to 6 are checked on the pipeline the
 * run logged, never on what the learner's code says about it; the split is held against the data, the statistics the
 * pipeline learnt against the split, and the test AUC against the model's own score on held-out data.
 */
public final class FeaturePipelineGrader implements Grader {

    /** The steps of lab 02 that the checks grade. */
    static final LabSteps STEPS = LabSteps.of("lab02");

    static final String TRAIN_FRACTION = "0.8";
    /**
     * How far the recorded split's share of the rows may be from 80%. A seeded 80/20 random split of 5,000 rows holds
     * 4,000 rows give or take 28 (one standard deviation, 0.6 points); 3 points is five of those, and far from the
     * 100% of a record of every row or the 20% of the test split's.
     */
    static final double TRAIN_FRACTION_TOLERANCE = 0.03;
    /**
     * How far the logged test AUC may be from the model's AUC on the held-out rows. The test split has about a
     * thousand rows (an AUC near 0.86 on it has a standard error of about 0.013) and the held-out data 2,000 (about
     * 0.009); their difference has a standard error of about 0.016, so 0.05 is three of them, and half of what a
     * made-up metric 0.1 too high is off by.
     */
    static final double AUC_TOLERANCE = 0.05;
    /**
     * How far the logged test AUC may be from the model's AUC on the recorded test split: the same model on the same
     * rows gives the same AUC up to rounding (the evaluator and the grader both count it exactly below 2,000 distinct
     * scores); one row of a thousand moved changes it by about 1e-3, and the training split's AUC differs by more.
     */
    static final double SPLIT_AUC_TOLERANCE = 1e-4;
    /**
     * How close a logged AUC must be to the model's AUC on the training rows for the hint to say it was computed on
     * them: the evaluator bins the ROC curve of the ~4,000 training rows' distinct scores into 1,000 points, which
     * moves its AUC by up to about 1e-3 from the exact one the grader counts.
     */
    static final double TRAINING_AUC_TOLERANCE = 2e-3;
    /** The columns a caller of the model sends it: the signature's inputs. */
    static final Set<String> MODEL_INPUTS = Stream.of(List.of(StageChecks.TENURE), StageChecks.NUMERIC_WITH_MISSING,
            StageChecks.CATEGORICAL).flatMap(List::stream).collect(Collectors.toCollection(TreeSet::new));

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String labId() {
        return STEPS.labId();
    }

    @Override
    public List<Check> checks(GradingContext context) {
        FeaturePipelineEvidence evidence = FeaturePipelineEvidence.of(context);
        return List.of(
                STEPS.check(1, 10, "training split recorded in the run",
                        "split with randomSplit({0.8, 0.2}, SPLIT_SEED), log the params split_seed and "
                                + "train_fraction, and upload the training rows' customer_id, one a line, as "
                                + FeaturePipelineEvidence.TRAIN_KEYS_ARTIFACT + ".",
                        () -> split(evidence)),
                STEPS.check(2, 10, "Imputer of the numeric columns",
                        "an Imputer with strategy mean of monthly_charges, total_charges and "
                                + "support_calls, writing the *_imputed columns.",
                        () -> onPipeline(evidence, StageChecks::imputer)),
                STEPS.check(3, 15, "categorical encoding that keeps unseen labels",
                        "a StringIndexer of contract, payment_method and region with "
                                + "setHandleInvalid(\"keep\"), and a OneHotEncoder of the three indexes.",
                        () -> onPipeline(evidence, stages -> StageChecks.categorical(stages, evidence))),
                STEPS.check(4, 10, "interaction of contract and monthly charges",
                        "an Interaction of contract_vec and monthly_charges_imputed, and its output "
                                + "among the VectorAssembler's inputs.",
                        () -> onPipeline(evidence, StageChecks::interaction)),
                STEPS.check(5, 10, "assembled and scaled features, made from the input columns only",
                        "a VectorAssembler of tenure_months, the imputed numeric columns, the one-hot "
                                + "vectors and the interaction, and a StandardScaler of its output; no feature made "
                                + "from the label churned or from columns other than the seven inputs.",
                        () -> onPipeline(evidence, StageChecks::assemblerAndScaler)),
                STEPS.check(6, 10, "one pipeline, classifier last reading the scaled features",
                        "one Pipeline of the stages in the order the data flows through them and the "
                                + "classifier last, reading scaled_features.",
                        () -> onPipeline(evidence, StageChecks::order)),
                STEPS.check(6, "leakage", 15, "pipeline fitted on the training split only",
                        "call pipeline.fit(split.train()), never on the whole data: the imputer's means "
                                + "and the scaler's statistics must not see the test rows.",
                        () -> onPipeline(evidence, stages -> LeakageCheck.result(stages, evidence)))
                        .dependsOn(STEPS.id(1)),
                STEPS.check(7, 10, "model logged with its signature, and test_auc",
                        "log test_auc, the AUC on split.test(), and the model under model/ with "
                                + "ModelSignature.infer(the seven input columns' schema, the prediction's schema).",
                        () -> loggedModel(evidence)),
                STEPS.check(7, "auc", 10, "test_auc is what the model scores",
                        "log as test_auc the AUC that BinaryClassificationEvaluator computes on the "
                                + "test split's predictions; the grader scores the logged model on the test split "
                                + "your run recorded.",
                        () -> honestAuc(evidence)).dependsOn(STEPS.id(7)));
    }

    /** Runs a check on the logged pipeline's stages, or fails saying what is missing. */
    private static CheckResult onPipeline(FeaturePipelineEvidence evidence,
                                          Function<PipelineStages, CheckResult> check) {
        Optional<Run> run = evidence.run();
        if (run.isEmpty()) {
            return noRun(evidence);
        }
        if (evidence.model().isEmpty()) {
            return CheckResult.failed("found no model under " + FeaturePipelineEvidence.MODEL_PATH + "/ of run "
                    + id(run.get()) + ": step 7 logs the fitted pipeline there");
        }
        Optional<PipelineStages> stages = evidence.stages();
        if (stages.isEmpty()) {
            return CheckResult.failed("the pipeline under " + FeaturePipelineEvidence.MODEL_PATH + "/ of run "
                    + id(run.get()) + " cannot transform the churn data's columns (" + evidence.stagesProblem()
                    + "): every stage must be in the one pipeline of step 6, fitted on the data's own columns");
        }
        return check.apply(stages.get());
    }

    private static CheckResult noRun(FeaturePipelineEvidence evidence) {
        return evidence.runs().missingRun(FeaturePipelineEvidence.RUN_NAME);
    }

    private static CheckResult split(FeaturePipelineEvidence evidence) {
        Optional<Run> run = evidence.run();
        if (run.isEmpty()) {
            return noRun(evidence);
        }
        Problems problems = new Problems();
        Problems about = problems.about("run " + id(run.get()));
        evidence.runs().expectLabTags(run.get(), about);
        about.require(params(run.get()).containsKey("split_seed"), "expected param split_seed, found none");
        about.expect("param train_fraction", TRAIN_FRACTION, params(run.get()).get("train_fraction"));
        Optional<RecordedSplit> split = evidence.split();
        if (split.isEmpty()) {
            about.add("expected the artifact " + FeaturePipelineEvidence.TRAIN_KEYS_ARTIFACT + ", found none");
        } else {
            split.get().check(evidence.churnKeys(), Double.parseDouble(TRAIN_FRACTION), TRAIN_FRACTION_TOLERANCE,
                    problems.about(FeaturePipelineEvidence.TRAIN_KEYS_ARTIFACT));
        }
        return problems.result(split.map(recorded -> recorded.keys().size()).orElse(0) + " training keys in "
                + FeaturePipelineEvidence.TRAIN_KEYS_ARTIFACT);
    }

    private static CheckResult loggedModel(FeaturePipelineEvidence evidence) {
        Optional<Run> run = evidence.run();
        if (run.isEmpty()) {
            return noRun(evidence);
        }
        Problems problems = new Problems();
        Double auc = metrics(run.get()).get("test_auc");
        problems.require(auc != null && auc > 0.5 && auc <= 1.0, "expected metric test_auc in (0.5, 1], found " + auc);
        Optional<JsonNode> mlModel = evidence.mlModel();
        if (mlModel.isEmpty()) {
            problems.add("expected a model under " + FeaturePipelineEvidence.MODEL_PATH + "/ (its MLmodel file), "
                    + "found none");
            return problems.result("");
        }
        problems.require(!mlModel.get().path("flavors").path("spark").isMissingNode(),
                "expected the model's MLmodel to have the spark flavor, found " + mlModel.get().path("flavors"));
        JsonNode signature = mlModel.get().path("signature");
        if (signature.isMissingNode() || signature.isNull()) {
            problems.add("expected a signature in the model's MLmodel, found none");
            return problems.result("");
        }
        Set<String> inputs = columnNames(signature.path("inputs").asText());
        String label = FeaturePipelineEvidence.CHURN.labelColumn();
        problems.require(!inputs.contains(label), "the signature's inputs include the label " + label
                + ", which a caller of the model does not have: infer them from the seven input columns only");
        problems.expect("signature inputs", MODEL_INPUTS, inputs);
        Set<String> outputs = columnNames(signature.path("outputs").asText());
        problems.require(outputs.contains("prediction"), "expected prediction among the signature's outputs, found "
                + outputs);
        return problems.result(String.format(Locale.ROOT, "model/ with signature inputs %s; test_auc %.4f", inputs,
                auc));
    }

    /** The column names of a signature's inputs or outputs, a JSON string of column specs. */
    private static Set<String> columnNames(String specs) {
        Set<String> names = new TreeSet<>();
        try {
            JSON.readTree(specs.isEmpty() ? "[]" : specs).forEach(spec -> names.add(spec.path("name").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("the signature is not the JSON MLflow writes: " + specs, e);
        }
        return names;
    }

    /**
     * test_auc recomputed from the logged model on the test split the run recorded (the rows its training keys leave
     * out), when the record is a proper split; on held-out rows drawn from the grading seed otherwise.
     */
    private static CheckResult honestAuc(FeaturePipelineEvidence evidence) {
        Run run = evidence.run().orElseThrow();
        Optional<PipelineModel> model = evidence.model();
        if (model.isEmpty()) {
            return CheckResult.failed("found a model under model/ that Spark cannot load as a PipelineModel");
        }
        double reported = metrics(run).get("test_auc");
        Optional<RecordedSplit> split = evidence.split().filter(recorded -> isProper(recorded, evidence));
        if (split.isPresent()) {
            return onRecordedSplit(evidence, model.get(), split.get(), reported);
        }
        double heldOut = HeldOutAuc.of(model.get(), evidence.heldOut(), FeaturePipelineEvidence.CHURN.labelColumn());
        String scores = String.format(Locale.ROOT, "test_auc %.4f; the model scores %.4f on %d held-out rows "
                + "drawn from the grading seed (the run recorded no proper split to recompute it on)", reported,
                heldOut, FeaturePipelineEvidence.HELD_OUT_ROWS);
        return CheckResult.when(Tolerance.withinAbsolute(heldOut, reported, AUC_TOLERANCE), scores,
                scores + ": test_auc is not what the model scores; a metric must come from the model's evaluation");
    }

    private static CheckResult onRecordedSplit(FeaturePipelineEvidence evidence, PipelineModel model,
                                               RecordedSplit split, double reported) {
        String key = FeaturePipelineEvidence.CHURN.keyColumn();
        String label = FeaturePipelineEvidence.CHURN.labelColumn();
        Dataset<Row> testRows = split.otherRowsOf(evidence.churn(), key);
        double test = SplitAuc.of(model, testRows, evidence.churn(), key, label);
        String recomputed = String.format(Locale.ROOT, "%.4f on the %d test rows %s leaves out", test,
                testRows.count(), FeaturePipelineEvidence.TRAIN_KEYS_ARTIFACT);
        if (Tolerance.withinAbsolute(test, reported, SPLIT_AUC_TOLERANCE)) {
            return CheckResult.passed(String.format(Locale.ROOT, "test_auc %.4f; the model scores %s", reported,
                    recomputed));
        }
        double train = SplitAuc.of(model, evidence.trainingRows(), evidence.churn(), key, label);
        if (Tolerance.withinAbsolute(train, reported, TRAINING_AUC_TOLERANCE)) {
            return CheckResult.failed(String.format(Locale.ROOT, "test_auc %.4f is the model's AUC on the training "
                    + "split (%.4f), not on the test split (%s): score split.test(), rows the model never saw",
                    reported, train, recomputed));
        }
        return CheckResult.failed(String.format(Locale.ROOT, "test_auc %.4f is not what the model scores on the test "
                + "split: %s (%.4f on the training split); a metric must come from the model's evaluation",
                reported, recomputed, train));
    }

    /** Whether the recorded keys are a split of the data of the share step 1 asks for. */
    private static boolean isProper(RecordedSplit split, FeaturePipelineEvidence evidence) {
        Problems problems = new Problems();
        split.check(evidence.churnKeys(), Double.parseDouble(TRAIN_FRACTION), TRAIN_FRACTION_TOLERANCE, problems);
        return problems.isEmpty();
    }
}
