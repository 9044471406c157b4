package org.mllabs.runtime.automl;

import java.util.Arrays;
import java.util.List;
import org.mllabs.runtime.search.ChoiceOption;
import org.mllabs.runtime.search.Params;
import org.mllabs.runtime.search.SearchSpace;

/**
 * The MLlib estimators AutoML tries, each with the hyperparameters it searches. The search space is one choice
 * {@value #CHOICE_LABEL} over the families of the problem, each option nesting its own parameters (labels prefixed
 * with the family's short name, since labels are unique across a space). Ranges are kept modest (forests of at most 30
 * trees, at most 10 boosting rounds, shallow trees) so that a trial takes seconds on the lab datasets: AutoML works
 * against a time budget, and many cheap trials explore more than a few expensive ones. Boosting is the costly family
 * on Spark: each round runs a Spark job per tree level, where a forest grows all its trees level by level together.
 */
public enum EstimatorFamily {

    /** Logistic regression with elastic-net regularisation. */
    LOGISTIC_REGRESSION("logistic_regression", true, "org.apache.spark.ml.classification.LogisticRegression",
            SearchSpace.builder().logUniform("lr_reg_param", 1e-4, 1).uniform("lr_elastic_net", 0, 1).build()),
    /** Linear regression with elastic-net regularisation. */
    LINEAR_REGRESSION("linear_regression", false, "org.apache.spark.ml.regression.LinearRegression",
            SearchSpace.builder().logUniform("lin_reg_param", 1e-4, 1).uniform("lin_elastic_net", 0, 1).build()),
    /** A decision tree classifier. */
    DECISION_TREE_CLASSIFIER("decision_tree", true, "org.apache.spark.ml.classification.DecisionTreeClassifier",
            treeSpace()),
    /** A decision tree regressor. */
    DECISION_TREE_REGRESSOR("decision_tree", false, "org.apache.spark.ml.regression.DecisionTreeRegressor",
            treeSpace()),
    /** A random forest classifier. */
    RANDOM_FOREST_CLASSIFIER("random_forest", true, "org.apache.spark.ml.classification.RandomForestClassifier",
            forestSpace()),
    /** A random forest regressor. */
    RANDOM_FOREST_REGRESSOR("random_forest", false, "org.apache.spark.ml.regression.RandomForestRegressor",
            forestSpace()),
    /** Gradient-boosted trees, binary classification. */
    GBT_CLASSIFIER("gbt", true, "org.apache.spark.ml.classification.GBTClassifier", boostingSpace()),
    /** Gradient-boosted trees, regression. */
    GBT_REGRESSOR("gbt", false, "org.apache.spark.ml.regression.GBTRegressor", boostingSpace());

    /** The label of the choice between families, and the trial param that names the family. */
    public static final String CHOICE_LABEL = "estimator";
    /** The maximum iterations of the linear models, fixed. */
    static final int LINEAR_MAX_ITER = 50;

    private final String key;
    private final boolean classification;
    private final String className;
    private final SearchSpace space;

    EstimatorFamily(String key, boolean classification, String className, SearchSpace space) {
        this.key = key;
        this.classification = classification;
        this.className = className;
        this.space = space;
    }

    /** The families of a problem, in the order the search space lists them. */
    public static List<EstimatorFamily> of(boolean classification) {
        return Arrays.stream(values()).filter(family -> family.classification == classification).toList();
    }

    /** The family a trial's {@value #CHOICE_LABEL} value names, for a classification or a regression problem. */
    public static EstimatorFamily named(String key, boolean classification) {
        return of(classification).stream().filter(family -> family.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No estimator " + key));
    }

    /** The search space of a problem: a choice of family, each with its nested parameters. */
    public static SearchSpace searchSpace(boolean classification) {
        return SearchSpace.builder().choice(CHOICE_LABEL, of(classification).stream()
                .map(family -> ChoiceOption.of(family.key, family.space)).toArray(ChoiceOption[]::new)).build();
    }

    /** The family's value of {@value #CHOICE_LABEL}, such as {@code random_forest}. */
    public String key() {
        return key;
    }

    /** The estimator of a trial, with its searched values, the label column and the seed. */
    StageSpec estimator(Params params, String label, long seed) {
        StageSpec stage = StageSpec.of(className).with("setLabelCol", label);
        return switch (this) {
            case LOGISTIC_REGRESSION -> stage.with("setRegParam", params.getDouble("lr_reg_param"))
                    .with("setElasticNetParam", params.getDouble("lr_elastic_net"))
                    .with("setMaxIter", LINEAR_MAX_ITER);
            case LINEAR_REGRESSION -> stage.with("setRegParam", params.getDouble("lin_reg_param"))
                    .with("setElasticNetParam", params.getDouble("lin_elastic_net"))
                    .with("setMaxIter", LINEAR_MAX_ITER);
            case DECISION_TREE_CLASSIFIER, DECISION_TREE_REGRESSOR -> stage
                    .with("setMaxDepth", params.getInt("dt_max_depth"))
                    .with("setMinInstancesPerNode", params.getInt("dt_min_instances_per_node"))
                    .with("setSeed", seed);
            case RANDOM_FOREST_CLASSIFIER, RANDOM_FOREST_REGRESSOR -> stage
                    .with("setNumTrees", params.getInt("rf_num_trees"))
                    .with("setMaxDepth", params.getInt("rf_max_depth"))
                    .with("setSeed", seed);
            case GBT_CLASSIFIER, GBT_REGRESSOR -> stage
                    .with("setMaxIter", params.getInt("gbt_max_iter"))
                    .with("setMaxDepth", params.getInt("gbt_max_depth"))
                    .with("setStepSize", params.getDouble("gbt_step_size"))
                    .with("setSeed", seed);
        };
    }

    private static SearchSpace treeSpace() {
        return SearchSpace.builder().quniform("dt_max_depth", 2, 10, 1)
                .quniform("dt_min_instances_per_node", 1, 20, 1).build();
    }

    private static SearchSpace forestSpace() {
        return SearchSpace.builder().quniform("rf_num_trees", 10, 30, 10).quniform("rf_max_depth", 3, 6, 1).build();
    }

    private static SearchSpace boostingSpace() {
        return SearchSpace.builder().quniform("gbt_max_iter", 5, 10, 5).quniform("gbt_max_depth", 2, 3, 1)
                .logUniform("gbt_step_size", 0.05, 0.3).build();
    }
}
