package org.mllabs.runtime.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mllabs.runtime.LabEnvironment;

/**
 * Loads the lab datasets from a {@code datasets/} folder into Spark, with each dataset's explicit schema.
 *
 * <pre>{@code
 * Dataset<Row> churn = LabDatasets.locate().load(spark, LabDataset.CUSTOMER_CHURN);
 * }</pre>
 *
 * <p>The header is checked against the dataset's columns before Spark reads the file (Spark would otherwise apply the
 * schema by position and silently mislabel columns); empty cells become {@code null}; a cell that does not parse as
 * its column's type fails the read.
 */
public final class LabDatasets {

    private final Path directory;

    /**
     * Datasets in this folder, which holds one sub-folder per dataset.
     *
     * @param datasetsDirectory the {@code datasets/} folder
     */
    public LabDatasets(Path datasetsDirectory) {
        this.directory = Objects.requireNonNull(datasetsDirectory, "datasetsDirectory").toAbsolutePath();
    }

    /**
     * The repository's datasets: the folder named by {@value DatasetsDirectory#VARIABLE}, or else the first
     * {@code datasets/} next to a {@code pom.xml} in the current folder or above it.
     *
     * @throws IllegalStateException if there is none, saying where it looked
     */
    public static LabDatasets locate() {
        return new LabDatasets(DatasetsDirectory.locate(LabEnvironment.current(), Path.of("")));
    }

    /** The {@code datasets/} folder. */
    public Path directory() {
        return directory;
    }

    /** The CSV file of a dataset. */
    public Path file(LabDataset dataset) {
        return directory.resolve(dataset.datasetName()).resolve(dataset.fileName());
    }

    /**
     * Reads a dataset with its schema.
     *
     * @throws IllegalStateException if the file is missing or its header is not the dataset's columns, naming the file
     *     and the first column that differs
     */
    public Dataset<Row> load(SparkSession spark, LabDataset dataset) {
        Path file = file(dataset);
        checkHeader(file, dataset);
        // the plain path: Spark reads a URI's escapes (a space as %20) literally
        return reader(spark, dataset).csv(file.toAbsolutePath().toString());
    }

    /**
     * Rows drawn like the dataset's own, from another seed and with keys no learner has seen: the held-out data a
     * grader scores a learner's model on. The same seed always gives the same rows.
     *
     * @param seed the grading seed
     * @param rows how many rows
     */
    public static Dataset<Row> heldOut(SparkSession spark, LabDataset dataset, long seed, int rows) {
        DatasetGenerator generator = switch (dataset) {
            case CUSTOMER_CHURN -> new ChurnDatasetGenerator();
            case HOUSE_PRICES -> new HousePriceDatasetGenerator();
        };
        List<String> lines = List.of(generator.heldOutCsv(seed, rows).split("\n"));
        return reader(spark, dataset).csv(spark.createDataset(lines, Encoders.STRING()));
    }

    private static DataFrameReader reader(SparkSession spark, LabDataset dataset) {
        return spark.read()
                .schema(dataset.schema())
                .option("header", "true")
                .option("mode", "FAILFAST")
                .option("nullValue", "");
    }

    private static void checkHeader(Path file, LabDataset dataset) {
        List<String> header = List.of(readHeader(file).split(",", -1));
        List<String> expected = dataset.columnNames();
        for (int i = 0; i < expected.size(); i++) {
            String column = expected.get(i);
            if (!header.contains(column)) {
                throw new IllegalStateException(file + " has no column '" + column + "'; " + dataset.datasetName()
                        + " has the columns " + expected + ". Restore the file from the repository.");
            }
            if (!header.get(i).equals(column)) {
                throw new IllegalStateException(file + " has '" + header.get(i) + "' as column " + (i + 1)
                        + " where '" + column + "' is expected; " + dataset.datasetName() + " has the columns "
                        + expected + ". Restore the file from the repository.");
            }
        }
        if (header.size() > expected.size()) {
            throw new IllegalStateException(file + " has the unexpected column '" + header.get(expected.size())
                    + "'; " + dataset.datasetName() + " has the columns " + expected
                    + ". Restore the file from the repository.");
        }
    }

    private static String readHeader(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No dataset file at " + file + ". Restore it from the repository, or "
                    + "regenerate it as datasets/README.md says.");
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            if (line == null) {
                throw new IllegalStateException(file + " is empty; it should start with a header row.");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
