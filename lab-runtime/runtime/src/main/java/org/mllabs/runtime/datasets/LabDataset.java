package org.mllabs.runtime.datasets;

import static org.mllabs.runtime.datasets.ColumnType.DATE;
import static org.mllabs.runtime.datasets.ColumnType.DOUBLE;
import static org.mllabs.runtime.datasets.ColumnType.LONG;
import static org.mllabs.runtime.datasets.ColumnType.STRING;
import static org.mllabs.runtime.datasets.ColumnType.TIMESTAMP;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The datasets the labs use, each described by its name, columns, label, key and time column.
 *
 * <p>Each lives in {@code datasets/<name>/<name>.csv} with a {@code README.md} and a {@code dataset.yaml}; the data is
 * synthetic and made by the dataset's generator with a fixed seed.
 */
public enum LabDataset {

    /** Customers of a subscription service and whether they left: binary classification. */
    CUSTOMER_CHURN("customer_churn", "churned", ProblemType.BINARY_CLASSIFICATION, "customer_id", "event_time",
            List.of(
                    new DatasetColumn("customer_id", STRING),
                    new DatasetColumn("event_time", TIMESTAMP),
                    new DatasetColumn("signup_date", DATE),
                    new DatasetColumn("contract", STRING),
                    new DatasetColumn("tenure_months", LONG),
                    new DatasetColumn("monthly_charges", DOUBLE),
                    new DatasetColumn("total_charges", DOUBLE),
                    new DatasetColumn("support_calls", DOUBLE),
                    new DatasetColumn("payment_method", STRING),
                    new DatasetColumn("region", STRING),
                    new DatasetColumn("churned", LONG))),

    /** Sales of houses and their prices in thousands of euros: regression. */
    HOUSE_PRICES("house_prices", "price", ProblemType.REGRESSION, "house_id", "sale_time",
            List.of(
                    new DatasetColumn("house_id", STRING),
                    new DatasetColumn("sale_time", TIMESTAMP),
                    new DatasetColumn("neighbourhood", STRING),
                    new DatasetColumn("distance_to_center_km", DOUBLE),
                    new DatasetColumn("living_area_sqm", DOUBLE),
                    new DatasetColumn("lot_area_sqm", DOUBLE),
                    new DatasetColumn("bedrooms", LONG),
                    new DatasetColumn("bathrooms", LONG),
                    new DatasetColumn("year_built", DOUBLE),
                    new DatasetColumn("condition", STRING),
                    new DatasetColumn("heating", STRING),
                    new DatasetColumn("has_garage", LONG),
                    new DatasetColumn("price", DOUBLE)));

    private final String datasetName;
    private final String labelColumn;
    private final ProblemType problemType;
    private final String keyColumn;
    private final String timestampColumn;
    private final List<DatasetColumn> columns;

    LabDataset(String datasetName, String labelColumn, ProblemType problemType, String keyColumn,
            String timestampColumn, List<DatasetColumn> columns) {
        this.datasetName = datasetName;
        this.labelColumn = labelColumn;
        this.problemType = problemType;
        this.keyColumn = keyColumn;
        this.timestampColumn = timestampColumn;
        this.columns = columns;
    }

    /** The dataset's name, which is also its folder under {@code datasets/}, such as {@code customer_churn}. */
    public String datasetName() {
        return datasetName;
    }

    /** The CSV file's name, such as {@code customer_churn.csv}. */
    public String fileName() {
        return datasetName + ".csv";
    }

    /** The column a model predicts. */
    public String labelColumn() {
        return labelColumn;
    }

    /** What kind of prediction the label asks for. */
    public ProblemType problemType() {
        return problemType;
    }

    /** The column that identifies the entity a row is about: the key of feature lookups. */
    public String keyColumn() {
        return keyColumn;
    }

    /** The column that says when a row was observed: the time of point-in-time lookups and drift windows. */
    public String timestampColumn() {
        return timestampColumn;
    }

    /** The columns, in the order of the CSV header. */
    public List<DatasetColumn> columns() {
        return columns;
    }

    /** The column names, in the order of the CSV header. */
    public List<String> columnNames() {
        return columns.stream().map(DatasetColumn::name).toList();
    }

    /** The Spark schema of the CSV file; every column is nullable, since some cells are missing on purpose. */
    public StructType schema() {
        StructField[] fields = columns.stream()
                .map(c -> DataTypes.createStructField(c.name(), c.type().sparkType(), true))
                .toArray(StructField[]::new);
        return DataTypes.createStructType(fields);
    }
}
