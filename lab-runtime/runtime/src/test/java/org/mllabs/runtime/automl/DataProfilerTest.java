package org.mllabs.runtime.automl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.datasets.LabDatasets;
import org.mllabs.runtime.testing.SparkExtension;

@ExtendWith(SparkExtension.class)
class DataProfilerTest {

    private static final int ROWS = 200;

    @Test
    void eachColumnGetsARoleFromItsTypeMissingRatioAndCardinality(SparkSession spark) {
        DataProfile profile = DataProfiler.profile(synthetic(spark), "label", true);

        assertThat(profile.rows()).isEqualTo(ROWS);
        assertThat(profile.column("label").role()).isEqualTo(ColumnRole.TARGET);
        assertThat(profile.numericColumns()).containsExactly("amount");
        assertThat(profile.categoricalColumns()).containsExactly("plan");
        assertThat(profile.droppedColumns()).containsExactly("id", "city", "constant", "sparse", "seen_at");
        assertThat(profile.column("id").reason()).startsWith("id-like");
        assertThat(profile.column("city").reason()).startsWith("high cardinality");
        assertThat(profile.column("constant").reason()).isEqualTo("constant");
        assertThat(profile.column("sparse").reason()).startsWith("missing in 90 %");
        assertThat(profile.column("seen_at").reason()).contains("timestamp");
        assertThat(profile.column("amount").missingRatio()).isCloseTo(0.1, within(1e-9));
        assertThat(profile.column("plan").missingRatio()).isCloseTo(0.2, within(1e-9));
        assertThat(profile.column("plan").distinctValues()).isEqualTo(3);
        assertThat(profile.column("city").distinctValues()).isEqualTo(30);
        assertThat(profile.label()).containsOnlyKeys("0", "1");
        assertThat(profile.label().get("1")).isCloseTo(0.25, within(1e-9));
        assertThat(profile.featurePlan()).isEqualTo(new FeaturePlan(List.of("amount"), List.of("plan")));
    }

    @Test
    void theProfileIsWrittenAsJsonAndMarkdown(SparkSession spark) {
        DataProfile profile = DataProfiler.profile(synthetic(spark), "label", true);

        assertThat(profile.toJson()).contains("\"target\" : \"label\"", "\"rows\" : 200", "\"role\" : \"CATEGORICAL\"");
        assertThat(profile.toMarkdown()).contains("| plan | string | 20.0 % | 3 | categorical |",
                "| id | string | 0.0 % | 200 | dropped | id-like: 200 distinct values in 200 rows |");
    }

    @Test
    void aRegressionLabelIsProfiledByItsRange(SparkSession spark) {
        DataProfile profile = DataProfiler.profile(synthetic(spark), "amount", false);

        assertThat(profile.label()).containsOnlyKeys("min", "mean", "max");
        assertThat(profile.label().get("min")).isEqualTo(1.0);
        assertThat(profile.label().get("max")).isEqualTo(199.0);
        assertThat(profile.column("label").role()).isEqualTo(ColumnRole.NUMERIC);
    }

    @Test
    void theChurnDataKeepsItsFeaturesAndDropsItsKeyAndTimes(SparkSession spark) {
        DataProfile profile = DataProfiler.profile(LabDatasets.locate().load(spark, LabDataset.CUSTOMER_CHURN),
                "churned", true);

        assertThat(profile.droppedColumns()).containsExactly("customer_id", "event_time", "signup_date");
        assertThat(profile.categoricalColumns()).containsExactly("contract", "payment_method", "region");
        assertThat(profile.numericColumns())
                .containsExactly("tenure_months", "monthly_charges", "total_charges", "support_calls");
        assertThat(profile.column("payment_method").missingRatio()).isBetween(0.01, 0.05);
        assertThat(profile.column("support_calls").missingRatio()).isBetween(0.02, 0.06);
    }

    /** 200 rows: every fourth labelled 1; every tenth amount and every fifth plan missing. */
    private static Dataset<Row> synthetic(SparkSession spark) {
        StructType schema = new StructType()
                .add("id", DataTypes.StringType)
                .add("amount", DataTypes.DoubleType)
                .add("plan", DataTypes.StringType)
                .add("city", DataTypes.StringType)
                .add("constant", DataTypes.IntegerType)
                .add("sparse", DataTypes.DoubleType)
                .add("seen_at", DataTypes.TimestampType)
                .add("label", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(RowFactory.create("customer-" + i, i % 10 == 0 ? null : (double) i,
                    i % 5 == 0 ? null : List.of("basic", "plus", "pro").get(i % 3), "city-" + i % 30, 7,
                    i % 10 == 0 ? 1.5 : null, new Timestamp(1_700_000_000_000L + i), i % 4 == 0 ? 1 : 0));
        }
        return spark.createDataFrame(rows, schema);
    }
}
