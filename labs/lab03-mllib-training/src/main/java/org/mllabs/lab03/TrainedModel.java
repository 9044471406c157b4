package org.mllabs.lab03;

import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.features.NumericFeatures;

/**
 * One model the lab trained, with what step 5 logs of it.
 *
 * @param dataset the data it learnt from
 * @param family its model family, such as {@code gbt}: the key of the estimator in step 1 or step 2
 * @param estimator the estimator it was fitted from, with its params
 * @param model the fitted pipeline: the preparation stages and the fitted model, all transformers
 * @param modelClass the simple class name of the fitted model, the pipeline's last stage (step 3)
 * @param metricName {@code test_rmse} for regression, {@code test_auc} for classification
 * @param metricValue the model's metric on the test split (step 4)
 * @param test the test split, whose columns the model reads
 */
record TrainedModel(LabDataset dataset, String family, Estimator<?> estimator, PipelineModel model, String modelClass,
                    String metricName, double metricValue, Dataset<Row> test) {

    /** The run's name, such as {@code house_prices.gbt}. */
    String runName() {
        return dataset.datasetName() + "." + family;
    }

    /** The columns the model reads: the dataset's numeric columns but the label. */
    List<String> featureColumns() {
        return NumericFeatures.of(dataset).columns();
    }
}
