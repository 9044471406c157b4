package org.mllabs.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The expected strings are what MLflow 3.17.2 writes for the same Spark schemas: Python's
 * {@code Schema([ColSpec(type=_infer_spark_type(f.dataType), name=f.name) for f in schema]).to_json()}.
 */
class ModelSignatureTest {

    private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
        return new StructField(name, type, nullable, Metadata.empty());
    }

    @Test
    void writesEverySupportedTypeAsMlflowDoes() {
        StructType address = new StructType(new StructField[] {
            field("zip", DataTypes.IntegerType, false), field("city", DataTypes.StringType, true)});
        StructType inputs = new StructType(new StructField[] {
            field("id", DataTypes.LongType, true),
            field("n", DataTypes.IntegerType, true),
            field("s16", DataTypes.ShortType, true),
            field("f", DataTypes.FloatType, true),
            field("d", DataTypes.DoubleType, true),
            field("ok", DataTypes.BooleanType, true),
            field("name", DataTypes.StringType, true),
            field("raw", DataTypes.BinaryType, true),
            field("day", DataTypes.DateType, true),
            field("ts", DataTypes.TimestampType, true),
            field("features", SQLDataTypes.VectorType(), true),
            field("scores", DataTypes.createArrayType(DataTypes.DoubleType), true),
            field("addr", address, true),
            field("caf\u00e9", DataTypes.StringType, true)});

        ModelSignature signature = ModelSignature.infer(inputs, new StructType());

        assertThat(signature.inputs()).isEqualTo("[{\"type\": \"long\", \"name\": \"id\", \"required\": true}, "
                + "{\"type\": \"integer\", \"name\": \"n\", \"required\": true}, "
                + "{\"type\": \"integer\", \"name\": \"s16\", \"required\": true}, "
                + "{\"type\": \"float\", \"name\": \"f\", \"required\": true}, "
                + "{\"type\": \"double\", \"name\": \"d\", \"required\": true}, "
                + "{\"type\": \"boolean\", \"name\": \"ok\", \"required\": true}, "
                + "{\"type\": \"string\", \"name\": \"name\", \"required\": true}, "
                + "{\"type\": \"binary\", \"name\": \"raw\", \"required\": true}, "
                + "{\"type\": \"datetime\", \"name\": \"day\", \"required\": true}, "
                + "{\"type\": \"datetime\", \"name\": \"ts\", \"required\": true}, "
                + "{\"type\": \"sparkml_vector\", \"name\": \"features\", \"required\": true}, "
                + "{\"type\": \"array\", \"items\": {\"type\": \"double\"}, \"name\": \"scores\", \"required\": true}, "
                + "{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\", \"required\": false}, "
                + "\"zip\": {\"type\": \"integer\", \"required\": true}}, \"name\": \"addr\", \"required\": true}, "
                + "{\"type\": \"string\", \"name\": \"caf\\u00e9\", \"required\": true}]");
    }

    @Test
    void writesTheOutputsOfAClassifier() {
        StructType outputs = new StructType(new StructField[] {
            field("prediction", DataTypes.DoubleType, false), field("probability", SQLDataTypes.VectorType(), true)});

        ModelSignature signature = ModelSignature.infer(new StructType(), outputs);

        assertThat(signature.outputs()).isEqualTo("[{\"type\": \"double\", \"name\": \"prediction\", \"required\": "
                + "true}, {\"type\": \"sparkml_vector\", \"name\": \"probability\", \"required\": true}]");
    }

    @Test
    void toDictHasInputsOutputsAndNullParams() {
        ModelSignature signature = new ModelSignature("[in]", "[out]");

        Map<String, Object> dict = signature.toDict();

        assertThat(dict.keySet()).containsExactly("inputs", "outputs", "params");
        assertThat(dict).containsEntry("inputs", "[in]").containsEntry("outputs", "[out]")
                .containsEntry("params", null);
    }

    @Test
    void refusesATypeMlflowCannotDescribeNamingTheColumn() {
        StructType inputs = new StructType(new StructField[] {
            field("lookup", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType), true)});

        assertThatThrownBy(() -> ModelSignature.infer(inputs, new StructType()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lookup'")
                .hasMessageContaining("map<string,double>");
    }
}
