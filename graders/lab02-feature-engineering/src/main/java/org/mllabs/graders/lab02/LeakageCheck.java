package org.mllabs.graders.lab02;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.feature.ImputerModel;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Problems;
import org.mllabs.grading.evidence.PipelineStages;
import org.mllabs.grading.evidence.PipelineStages.Stage;

/**
 * Whether the logged pipeline was fitted on the recorded training split: every statistic its stages learnt (the mean
 * imputers' surrogates, the scalers' means) is compared with the same statistic computed by the grader on the training
 * split's rows and on the whole data. A scaler's statistics are computed on the rows as the model's own earlier stages
 * transform them, which is what the scaler saw when the pipeline was fitted.
 */
final class LeakageCheck {

    private LeakageCheck() {
    }

    /** The check's result: passed when every fitted statistic is the training split's. */
    static CheckResult result(PipelineStages stages, FeaturePipelineEvidence evidence) {
        List<FittedStatistic> statistics = statistics(stages, evidence);
        if (statistics.isEmpty()) {
            return CheckResult.failed("found no fitted statistics to compare: expected an Imputer with strategy mean "
                    + "and a StandardScaler among the stages " + stages.kinds());
        }
        Problems problems = new Problems();
        report(statistics, FittedStatistic.Source.WHOLE_DATA, "fit the pipeline on the training split only",
                problems);
        report(statistics, FittedStatistic.Source.OTHER_ROWS, "fit the pipeline on the rows recorded in "
                + FeaturePipelineEvidence.TRAIN_KEYS_ARTIFACT, problems);
        return problems.result("all " + statistics.size() + " fitted statistics are the training split's, such as: "
                + statistics.get(0).describe());
    }

    private static void report(List<FittedStatistic> statistics, FittedStatistic.Source source, String advice,
                               Problems problems) {
        List<FittedStatistic> found = statistics.stream().filter(s -> s.source() == source).toList();
        if (!found.isEmpty()) {
            problems.add(found.get(0).describe() + ": " + advice + (found.size() == 1 ? ""
                    : " (so are " + (found.size() - 1) + " more of the model's " + statistics.size()
                    + " fitted statistics)"));
        }
    }

    /** The statistics of the model's mean imputers and scalers, in the order of its stages. */
    static List<FittedStatistic> statistics(PipelineStages stages, FeaturePipelineEvidence evidence) {
        Dataset<Row> training = evidence.trainingRows();
        Dataset<Row> whole = evidence.churn();
        List<FittedStatistic> statistics = new ArrayList<>();
        for (Stage stage : stages.ofType(ImputerModel.class)) {
            if (stage.as(ImputerModel.class).getStrategy().equals("mean")) {
                statistics.addAll(surrogates(stage, training, whole));
            }
        }
        for (Stage stage : stages.ofType(StandardScalerModel.class)) {
            statistics.addAll(scalerMeans(stages, stage, training, whole));
        }
        return statistics;
    }

    private static List<FittedStatistic> surrogates(Stage stage, Dataset<Row> training, Dataset<Row> whole) {
        List<String> columns = stage.inputs();
        Row fitted = stage.as(ImputerModel.class).surrogateDF().head();
        Row trainingMeans = means(training, columns);
        Row wholeMeans = means(whole, columns);
        List<FittedStatistic> statistics = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Object surrogate = fitted.getAs(columns.get(i));
            if (surrogate != null && !trainingMeans.isNullAt(i) && !wholeMeans.isNullAt(i)) {
                statistics.add(new FittedStatistic("imputer surrogate for " + columns.get(i),
                        ((Number) surrogate).doubleValue(), trainingMeans.getDouble(i), wholeMeans.getDouble(i)));
            }
        }
        return statistics;
    }

    /** The mean of each column over its values that are present, as the Imputer computes it. */
    private static Row means(Dataset<Row> rows, List<String> columns) {
        Column[] means = columns.stream().map(name -> avg(col(name).cast("double"))).toArray(Column[]::new);
        return rows.select(means).head();
    }

    private static List<FittedStatistic> scalerMeans(PipelineStages stages, Stage scaler, Dataset<Row> training,
                                                     Dataset<Row> whole) {
        String input = scaler.inputs().get(0);
        Dataset<Row> trainingInput = transformedBefore(stages, scaler, training);
        double[] fitted = scaler.as(StandardScalerModel.class).mean().toArray();
        double[] trainingMean = vectorMean(trainingInput, input);
        double[] wholeMean = vectorMean(transformedBefore(stages, scaler, whole), input);
        List<String> slots = slotNames(trainingInput, input, fitted.length);
        List<FittedStatistic> statistics = new ArrayList<>();
        for (int i = 0; i < fitted.length; i++) {
            statistics.add(new FittedStatistic("scaler mean of " + slots.get(i), fitted[i], trainingMean[i],
                    wholeMean[i]));
        }
        return statistics;
    }

    /** The rows as the stages before the given one transform them. */
    private static Dataset<Row> transformedBefore(PipelineStages stages, Stage stage, Dataset<Row> rows) {
        Dataset<Row> transformed = rows;
        for (Stage earlier : stages.stages().subList(0, stage.position())) {
            transformed = earlier.transformer().transform(transformed);
        }
        return transformed;
    }

    private static double[] vectorMean(Dataset<Row> rows, String column) {
        Vector mean = rows.select(Summarizer.mean(col(column))).head().getAs(0);
        return mean.toArray();
    }

    /** The names the vector's metadata gives its slots, such as {@code contract_vec_one-year}, else {@code x[3]}. */
    private static List<String> slotNames(Dataset<Row> rows, String column, int size) {
        AttributeGroup group = AttributeGroup.fromStructField(rows.schema().apply(column));
        List<String> names = new ArrayList<>();
        Attribute[] attributes = group.attributes().isDefined() ? group.attributes().get() : new Attribute[0];
        for (int i = 0; i < size; i++) {
            String slot = column + "[" + i + "]";
            names.add(i < attributes.length && attributes[i].name().isDefined()
                    ? attributes[i].name().get() + " (" + slot + ")" : slot);
        }
        return names;
    }
}
