package org.mllabs.graders.lab08;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.ImputerModel;
import org.apache.spark.sql.Row;
import org.mllabs.grading.Problems;

/**
 * What rows a logged model was fitted on, told by its {@link ImputerModel}: the mean of each numeric feature over the
 * rows it was fitted on (nulls left out). Held against the means of the training rows the run logged, a model fitted
 * on other rows, such as features looked up at another time, shows other means.
 */
final class FittedMeans {

    /** How far apart, relative to the mean, two computations of the same mean may be. */
    private static final double RELATIVE = 1e-9;

    private FittedMeans() {
    }

    /** Adds a problem when the model has no Imputer or its means are not those of the rows. */
    static void compare(PipelineModel model, List<JsonNode> rows, Problems problems) {
        List<ImputerModel> imputers = new ArrayList<>();
        for (Transformer stage : model.stages()) {
            if (stage instanceof ImputerModel imputer) {
                imputers.add(imputer);
            }
        }
        if (imputers.isEmpty()) {
            problems.add("expected the model FeatureStoreLab trains (its Imputer's means tell which rows it was fitted "
                    + "on), found a model with the stages " + stageNames(model));
            return;
        }
        List<String> differing = new ArrayList<>();
        for (ImputerModel imputer : imputers) {
            Row surrogate = imputer.surrogateDF().first();
            for (String column : imputer.getInputCols()) {
                double fitted = ((Number) surrogate.getAs(column)).doubleValue();
                double expected = mean(rows, column);
                if (Math.abs(fitted - expected) > RELATIVE * Math.max(1, Math.abs(expected))) {
                    differing.add(String.format(Locale.ROOT, "%s %.6f, the training rows' %.6f", column, fitted,
                            expected));
                }
            }
        }
        problems.require(differing.isEmpty(), "expected the logged model to be fitted on the training set's rows, "
                + "found a model fitted on other rows: its Imputer's means are " + String.join("; ", differing));
    }

    private static double mean(List<JsonNode> rows, String column) {
        double sum = 0;
        long count = 0;
        for (JsonNode row : rows) {
            JsonNode value = row.path(column);
            if (value.isNumber() && !Double.isNaN(value.doubleValue())) {
                sum += value.doubleValue();
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static List<String> stageNames(PipelineModel model) {
        List<String> names = new ArrayList<>();
        for (Transformer stage : model.stages()) {
            names.add(stage.getClass().getSimpleName());
        }
        return names;
    }
}
