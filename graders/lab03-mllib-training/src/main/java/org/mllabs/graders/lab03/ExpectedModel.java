package org.mllabs.graders.lab03;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.features.NumericFeatures;

/**
 * A model the lab must train, as README steps 1 and 2 ask for it: its dataset, its family (the run's
 * {@code model_family} tag), the class of the model its estimator fits, and the settings that keep it small.
 *
 * @param dataset the data it learns from
 * @param family its model family, such as {@code gbt}
 * @param modelClass the simple class name of the fitted model, the last stage of the logged pipeline model
 * @param settings the params README steps 1 and 2 set, by name, with their values as strings
 */
record ExpectedModel(LabDataset dataset, String family, String modelClass, Map<String, String> settings) {

    ExpectedModel {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** README step 1: the regressors of house prices. */
    static final List<ExpectedModel> REGRESSORS = List.of(
            new ExpectedModel(LabDataset.HOUSE_PRICES, "linear_regression", "LinearRegressionModel",
                    settings("maxIter", "20")),
            new ExpectedModel(LabDataset.HOUSE_PRICES, "decision_tree", "DecisionTreeRegressionModel",
                    settings("maxDepth", "5")),
            new ExpectedModel(LabDataset.HOUSE_PRICES, "random_forest", "RandomForestRegressionModel",
                    settings("numTrees", "20", "maxDepth", "5")),
            new ExpectedModel(LabDataset.HOUSE_PRICES, "gbt", "GBTRegressionModel",
                    settings("maxIter", "10", "maxDepth", "3")));

    /** README step 2: the classifiers of customer churn. */
    static final List<ExpectedModel> CLASSIFIERS = List.of(
            new ExpectedModel(LabDataset.CUSTOMER_CHURN, "logistic_regression", "LogisticRegressionModel",
                    settings("maxIter", "20")),
            new ExpectedModel(LabDataset.CUSTOMER_CHURN, "decision_tree", "DecisionTreeClassificationModel",
                    settings("maxDepth", "5")),
            new ExpectedModel(LabDataset.CUSTOMER_CHURN, "random_forest", "RandomForestClassificationModel",
                    settings("numTrees", "20", "maxDepth", "5")),
            new ExpectedModel(LabDataset.CUSTOMER_CHURN, "gbt", "GBTClassificationModel",
                    settings("maxIter", "10", "maxDepth", "3")));

    /** Every model of the lab, regressors first. */
    static List<ExpectedModel> all() {
        return Stream.concat(REGRESSORS.stream(), CLASSIFIERS.stream()).toList();
    }

    /** The name the grade shows it by, the run name README step 5 gives it, such as {@code house_prices.gbt}. */
    String name() {
        return dataset.datasetName() + "." + family;
    }

    /** The params its fitted model must have: the label, the features column, then the settings. */
    Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("labelCol", dataset.labelColumn());
        params.put("featuresCol", NumericFeatures.FEATURES_COLUMN);
        params.putAll(settings);
        return params;
    }

    private static Map<String, String> settings(String... namesAndValues) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            settings.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return settings;
    }
}
