package org.mllabs.runtime.mlflow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.lineage.ContentDigest;
import org.mllabs.runtime.model.ModelSignature;
import org.mllabs.runtime.model.PythonJson;

/**
 * A dataset input for one version of a Delta table, written the way MLflow 3's Python client writes
 * {@code mlflow.log_input(mlflow.data.load_delta(path=p, version=v, name=n, digest=d), context=c)}, so that
 * {@code mlflow.data.get_source(run.inputs.dataset_inputs[0]).load()} reads back exactly that version:
 * <ul>
 *   <li>source type {@value #SOURCE_TYPE} ({@code DeltaDatasetSource});</li>
 *   <li>source {@code {"path": p, "delta_table_version": v}}, the keys {@code DeltaDatasetSource.from_dict} reads.
 *       The version is written even when it is 0: MLflow's own {@code to_dict} drops a falsy version, and its
 *       {@code load()} of such an input then reads the latest table; written, {@code from_dict} gives 0 back and
 *       {@code load()} reads {@code versionAsOf 0};</li>
 *   <li>schema {@code {"mlflow_colspec": [...]}} as {@code SparkDataset.to_dict} writes it, from the rows' Spark
 *       schema ({@link ModelSignature#columnSpecs});</li>
 *   <li>profile {@code {"approx_count": N}} as {@code SparkDataset.profile} writes it, with the exact count;</li>
 *   <li>digest: the {@link ContentDigest} of the rows, given as {@code load_delta(digest=...)} takes one. MLflow's
 *       own digest is an MD5 of the DataFrame plan's {@code semanticHash()}, which depends on how the rows were read
 *       and on the Spark version, not on the rows, so no one could recompute it from the table; the content digest
 *       can be, from the Delta log alone.</li>
 * </ul>
 * JSON is written as Python's {@code json.dumps} writes it.
 */
public final class DeltaTableInput {

    /** The source type of a Delta table, {@code DeltaDatasetSource._get_source_type()}. */
    public static final String SOURCE_TYPE = "delta_table";
    /** The source key of the table's path. */
    public static final String PATH = "path";
    /** The source key of the table's version, the one {@code DeltaDatasetSource.from_dict} reads. */
    public static final String VERSION = "delta_table_version";

    private DeltaTableInput() {
    }

    /**
     * The input for rows read from a version of a Delta table. Counts and collects the rows once each.
     *
     * @param name the dataset's name, such as {@code churn_training}
     * @param path the table's path, as the rows were read from it
     * @param version the version the rows were read at ({@code versionAsOf})
     * @param rows the rows as read, before any change
     * @param context how the run used them, such as {@code training}, or null
     */
    public static DatasetInput of(String name, String path, long version, Dataset<Row> rows, String context) {
        String columns = ModelSignature.columnSpecs(rows.schema());
        ObjectNode profile = JsonNodeFactory.instance.objectNode().put("approx_count", rows.count());
        return new DatasetInput(name, ContentDigest.of(rows), SOURCE_TYPE, source(path, version),
                "{\"mlflow_colspec\": " + columns + "}", PythonJson.write(profile), context);
    }

    /** The source JSON of a version of the table at the path. */
    public static String source(String path, long version) {
        return PythonJson.write(JsonNodeFactory.instance.objectNode().put(PATH, path).put(VERSION, version));
    }
}
