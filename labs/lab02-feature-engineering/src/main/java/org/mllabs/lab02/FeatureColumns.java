package org.mllabs.lab02;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.mllabs.runtime.datasets.LabDataset;

/**
 * The columns of the customer churn data the lab uses, and the names of the columns the pipeline's stages write, so
 * that every step agrees on them. You do not need to change this class.
 */
final class FeatureColumns {

    /** The key of a customer: the split is recorded by it. */
    static final String KEY = LabDataset.CUSTOMER_CHURN.keyColumn();
    /** What the model predicts: 1 when the customer left. */
    static final String LABEL = LabDataset.CUSTOMER_CHURN.labelColumn();
    /** The one numeric feature that is never missing. */
    static final String TENURE = "tenure_months";
    /** The numeric features with missing values. */
    static final List<String> NUMERIC_WITH_MISSING = List.of("monthly_charges", "total_charges", "support_calls");
    /** The categorical features; payment_method and region have missing values. */
    static final List<String> CATEGORICAL = List.of("contract", "payment_method", "region");
    /** The columns the model reads: what a caller of the model sends it. */
    static final List<String> MODEL_INPUTS = Stream.of(List.of(TENURE), NUMERIC_WITH_MISSING, CATEGORICAL)
            .flatMap(List::stream).toList();

    /** The interaction term's column: the monthly charges of each kind of contract. */
    static final String CONTRACT_X_CHARGES = "contract_x_monthly_charges";
    /** The assembled feature vector. */
    static final String FEATURES = "features";
    /** The scaled feature vector, which the classifier reads. */
    static final String SCALED_FEATURES = "scaled_features";

    private FeatureColumns() {
    }

    /** The column the Imputer writes for a numeric column: {@code monthly_charges_imputed}. */
    static String imputed(String column) {
        return column + "_imputed";
    }

    /** The column the StringIndexer writes for a categorical column: {@code contract_index}. */
    static String indexed(String column) {
        return column + "_index";
    }

    /** The column the OneHotEncoder writes for a categorical column: {@code contract_vec}. */
    static String encoded(String column) {
        return column + "_vec";
    }

    /**
     * The columns a naming gives, as the array Spark's setters take:
     * {@code names(CATEGORICAL, FeatureColumns::indexed)} names contract_index, payment_method_index, region_index.
     */
    static String[] names(List<String> columns, UnaryOperator<String> naming) {
        return columns.stream().map(naming).toArray(String[]::new);
    }
}
