/**
 * The lab datasets: synthetic, generated from a fixed seed, committed under the repository's {@code datasets/}.
 *
 * <p>{@link org.mllabs.runtime.datasets.LabDataset} describes each dataset (columns, label, key, time column, Spark
 * schema); {@link org.mllabs.runtime.datasets.LabDatasets} finds the folder and loads a dataset into Spark. Each
 * dataset has a generator ({@link org.mllabs.runtime.datasets.ChurnDatasetGenerator},
 * {@link org.mllabs.runtime.datasets.HousePriceDatasetGenerator}) runnable as {@code main}, which regenerates the
 * committed file byte for byte, or with {@code --drift} a later batch with shifted distributions for drift monitoring.
 * {@link org.mllabs.runtime.datasets.DatasetValues} gives one column by row key, or every row, from the generator,
 * without Spark. {@link org.mllabs.runtime.datasets.CustomerHistory} derives from {@code customer_churn} the timed
 * snapshots, labels and keys a feature-store lab hands its steps, as
 * {@link org.mllabs.runtime.datasets.GeneratedTable}s that its grader regenerates alike.
 */
package org.mllabs.runtime.datasets;
