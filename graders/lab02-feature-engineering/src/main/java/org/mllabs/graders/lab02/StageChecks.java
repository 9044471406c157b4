package org.mllabs.graders.lab02;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.ClassificationModel;
import org.apache.spark.ml.feature.ImputerModel;
import org.apache.spark.ml.feature.Interaction;
import org.apache.spark.ml.feature.OneHotEncoderModel;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Problems;
import org.mllabs.grading.evidence.FeatureSources;
import org.mllabs.grading.evidence.PipelineStages;
import org.mllabs.grading.evidence.PipelineStages.Stage;
import org.mllabs.grading.evidence.SignatureBoundModel;

/**
 * The checks of steps 2 to 6, on the stages of the logged pipeline. They follow the columns from stage to stage
 * ({@link PipelineStages}), so they hold whatever the learner named the columns.
 */
final class StageChecks {

    static final List<String> NUMERIC_WITH_MISSING = List.of("monthly_charges", "total_charges", "support_calls");
    static final String TENURE = "tenure_months";
    static final List<String> CATEGORICAL = List.of("contract", "payment_method", "region");

    private StageChecks() {
    }

    /** Step 2: a mean Imputer of the three numeric columns with missing values. */
    static CheckResult imputer(PipelineStages stages) {
        List<Stage> imputers = stages.ofType(ImputerModel.class);
        if (imputers.isEmpty()) {
            return CheckResult.failed("found no Imputer among the stages " + stages.kinds());
        }
        Problems problems = new Problems();
        Set<String> imputed = new LinkedHashSet<>();
        imputers.forEach(imputer -> imputed.addAll(imputer.inputs()));
        for (String column : NUMERIC_WITH_MISSING) {
            problems.require(imputed.contains(column), "expected an Imputer of " + column + ", found Imputers of "
                    + imputed);
        }
        for (Stage imputer : imputers) {
            problems.expect("strategy of " + imputer, "mean", imputer.as(ImputerModel.class).getStrategy());
        }
        return problems.result(String.join(", ", imputers.stream().map(Stage::toString).toList())
                + ", strategy mean");
    }

    /**
     * Step 3: each categorical column indexed with handleInvalid keep and its index one-hot encoded; and the model
     * scores rows whose labels the training data never had, or that have none.
     */
    static CheckResult categorical(PipelineStages stages, FeaturePipelineEvidence evidence) {
        Problems problems = new Problems();
        for (String column : CATEGORICAL) {
            Optional<Stage> indexer = stages.readers(column).stream()
                    .filter(stage -> stage.is(StringIndexerModel.class)).findFirst();
            if (indexer.isEmpty()) {
                problems.add("expected a StringIndexer of " + column + ", found the stages " + stages);
                continue;
            }
            problems.expect("handleInvalid of the StringIndexer of " + column, "keep",
                    indexer.get().as(StringIndexerModel.class).getHandleInvalid());
            problems.require(encodes(stages, indexer.get(), column), "expected a OneHotEncoder of "
                    + column + "'s index, found the stages " + stages);
        }
        if (problems.isEmpty()) {
            // A probe of how the model treats categories, not a metric: it gets every column of the rows, so a label
            // among the features (step 5's mistake) does not cost this step too.
            PipelineModel model = evidence.model().orElseThrow();
            PipelineModel scored = model instanceof SignatureBoundModel bound ? bound.unbound() : model;
            unseenLabelsScored(scored, evidence, problems);
        }
        return problems.result("StringIndexer with handleInvalid keep and OneHotEncoder of " + CATEGORICAL
                + "; rows with unseen and missing labels are scored");
    }

    private static void unseenLabelsScored(PipelineModel model, FeaturePipelineEvidence evidence, Problems problems) {
        String rows = String.format(Locale.ROOT, "%d rows with contract '%s', region '%s' (labels the "
                        + "training data never had) and no payment_method", FeaturePipelineEvidence.UNSEEN_LABEL_ROWS,
                FeaturePipelineEvidence.UNSEEN_CONTRACT, FeaturePipelineEvidence.UNSEEN_REGION);
        try {
            long scored = model.transform(evidence.unseenLabelRows()).filter(col("prediction").isNotNull()).count();
            problems.require(scored == FeaturePipelineEvidence.UNSEEN_LABEL_ROWS, "expected a prediction for each of "
                    + rows + ", found " + scored);
        } catch (Exception e) {
            problems.add("expected the model to score " + rows + ", found it fails: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** Whether a OneHotEncoder encodes the indexer's output for the column. */
    private static boolean encodes(PipelineStages stages, Stage indexer, String column) {
        return stages.ofType(OneHotEncoderModel.class).stream()
                .flatMap(encoder -> encoder.outputs().stream())
                .anyMatch(output -> stages.sources(output).equals(Set.of(column)) && stages.upstream(output).stream()
                        .anyMatch(upstream -> indexer.outputs().contains(upstream)));
    }

    /**
     * Step 4: an Interaction of the contract's one-hot vector and the imputed monthly charges, whose output reaches the
     * classifier.
     */
    static CheckResult interaction(PipelineStages stages) {
        List<Stage> interactions = stages.ofType(Interaction.class);
        if (interactions.isEmpty()) {
            return CheckResult.failed("found no Interaction among the stages " + stages.kinds());
        }
        Optional<Stage> contractByCharges = interactions.stream()
                .filter(stage -> anyMadeFrom(stages, stage.inputs(), "contract", OneHotEncoderModel.class)
                        && anyMadeFrom(stages, stage.inputs(), "monthly_charges", ImputerModel.class))
                .findFirst();
        if (contractByCharges.isEmpty()) {
            return CheckResult.failed("expected an Interaction of contract's one-hot vector and the imputed "
                    + "monthly_charges, found " + interactions);
        }
        String term = contractByCharges.get().outputs().get(0);
        Optional<Stage> classifier = stages.last().filter(last -> last.is(ClassificationModel.class));
        boolean reachesClassifier = classifier.isPresent() && classifier.get().inputs().stream()
                .anyMatch(input -> stages.upstream(input).contains(term));
        if (!reachesClassifier) {
            List<String> assembled = stages.ofType(VectorAssembler.class).stream()
                    .flatMap(assembler -> assembler.inputs().stream()).toList();
            return CheckResult.failed("the Interaction's output " + term + " does not reach the classifier: expected "
                    + "it among the VectorAssembler's inputs, found " + assembled);
        }
        return CheckResult.passed(contractByCharges.get() + ", which the classifier's features include");
    }

    /**
     * Step 5: a StandardScaler of a VectorAssembler's output; the assembler reads tenure, the imputed numeric columns
     * and the one-hot vectors of the categorical ones; and what the classifier reads is made from the seven input
     * columns only, never from the label, whatever stages make it.
     */
    static CheckResult assemblerAndScaler(PipelineStages stages) {
        Problems sources = new Problems();
        FeatureSources.expectFrom(stages, FeaturePipelineEvidence.CHURN.labelColumn(),
                FeaturePipelineGrader.MODEL_INPUTS, sources);
        CheckResult assembled = assembledAndScaled(stages);
        if (sources.isEmpty()) {
            return assembled;
        }
        Problems problems = new Problems();
        sources.lines().forEach(problems::add);
        if (!assembled.passed()) {
            problems.add(assembled.detail());
        }
        return problems.result("");
    }

    private static CheckResult assembledAndScaled(PipelineStages stages) {
        List<Stage> scalers = stages.ofType(StandardScalerModel.class);
        if (scalers.isEmpty()) {
            return CheckResult.failed("found no StandardScaler among the stages " + stages.kinds());
        }
        Stage scaler = scalers.get(0);
        Optional<Stage> assembler = stages.producer(scaler.inputs().get(0)).filter(s -> s.is(VectorAssembler.class));
        if (assembler.isEmpty()) {
            return CheckResult.failed("expected the StandardScaler to read a VectorAssembler's output, found it reads "
                    + scaler.inputs().get(0) + stages.producer(scaler.inputs().get(0)).map(s -> " (written by "
                    + s.kind() + ")").orElse(" (a column of the data)"));
        }
        Problems problems = new Problems();
        List<String> inputs = assembler.get().inputs();
        problems.require(inputs.contains(TENURE), "expected " + TENURE + " among the VectorAssembler's inputs, found "
                + inputs);
        for (String column : NUMERIC_WITH_MISSING) {
            problems.require(anyMadeFrom(stages, inputs, column, ImputerModel.class), "expected the imputed " + column
                    + " among the VectorAssembler's inputs, found " + inputs);
        }
        for (String column : CATEGORICAL) {
            if (!anyMadeFrom(stages, inputs, column, OneHotEncoderModel.class)) {
                problems.add("expected " + column + "'s one-hot vector among the VectorAssembler's inputs, found "
                        + inputs + (anyMadeFrom(stages, inputs, column, StringIndexerModel.class)
                        ? ": an index is a category's number, which a linear model reads as an amount" : ""));
            }
        }
        problems.expect("withStd of the StandardScaler", true, scaler.as(StandardScalerModel.class).getWithStd());
        return problems.result(assembler.get() + ", " + scaler);
    }

    /** Whether one of the columns is made from the data's column {@code source} alone, by a stage of the type. */
    private static boolean anyMadeFrom(PipelineStages stages, List<String> inputs, String source, Class<?> maker) {
        return inputs.stream().anyMatch(input -> stages.sources(input).equals(Set.of(source))
                && stages.producer(input).filter(producer -> producer.is(maker)).isPresent());
    }

    /**
     * Step 6: one pipeline whose last stage is a classifier that reads the scaler's output. The order of the other
     * stages is the data's: Spark fits a pipeline only when each stage comes after the stages whose columns it reads,
     * and stages that do not feed each other may come in any order.
     */
    static CheckResult order(PipelineStages stages) {
        List<String> kinds = stages.kinds();
        Optional<Stage> last = stages.last();
        if (last.isEmpty() || !last.get().is(ClassificationModel.class)) {
            return CheckResult.failed("expected a classifier as the last stage, found " + kinds);
        }
        String features = last.get().inputs().isEmpty() ? "nothing" : last.get().inputs().get(0);
        Optional<Stage> producer = stages.producer(features);
        return CheckResult.when(producer.filter(stage -> stage.is(StandardScalerModel.class)).isPresent(),
                String.join(" -> ", kinds), "expected the classifier to read the StandardScaler's output, found it "
                        + "reads " + features + producer.map(stage -> ", written by the " + stage.kind()).orElse("")
                        + ": the scaling never reaches the model");
    }
}
