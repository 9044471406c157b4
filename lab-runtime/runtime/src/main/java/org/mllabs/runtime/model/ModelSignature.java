package org.mllabs.runtime.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * What a model takes and returns, inferred from Spark schemas the way MLflow's {@code infer_signature} does for Spark
 * DataFrames, and written the way {@code ModelSignature.to_dict()} writes it: inputs and outputs are JSON strings of
 * column specs such as {@code {"type": "double", "name": "x", "required": true}}.
 *
 * <p>Types: long to {@code long}; integer, short and byte to {@code integer}; double, float, boolean, string, binary;
 * date and timestamp to {@code datetime}; ML vectors to {@code sparkml_vector}; arrays to {@code array} with
 * {@code items}; structs to {@code object} with {@code properties} sorted by name. Other types (maps, decimals,
 * intervals) are refused, as MLflow refuses them without data. As Python's {@code infer_signature} does, inputs with
 * {@code integer} or {@code long} columns get MLflow's hint about missing values, once per JVM, as a WARN
 * ({@link IntegerColumnHint}): pandas reads a whole-number column with a missing cell as {@code float64}, which such a
 * column refuses.
 *
 * @param inputs the input column specs as a JSON string
 * @param outputs the output column specs as a JSON string
 */
public record ModelSignature(String inputs, String outputs) {

    /**
     * Infers a signature from the columns a model reads and the columns it writes.
     *
     * @param inputs the input schema, such as the training data without its label
     * @param outputs the output schema, such as {@code prediction}
     */
    public static ModelSignature infer(StructType inputs, StructType outputs) {
        ModelSignature signature = new ModelSignature(columnSpecs(inputs), columnSpecs(outputs));
        IntegerColumnHint.warnOnce(inputs);
        return signature;
    }

    /** The {@code signature} entry of an {@code MLmodel} file: {@code inputs}, {@code outputs}, {@code params}. */
    public Map<String, Object> toDict() {
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("inputs", inputs);
        dict.put("outputs", outputs);
        dict.put("params", null);
        return dict;
    }

    /**
     * The column specs of a Spark schema as MLflow's {@code Schema.to_dict()} gives them for a Spark DataFrame, as a
     * JSON list in {@code json.dumps} form; also what a Spark dataset input's {@code mlflow_colspec} holds.
     */
    public static String columnSpecs(StructType schema) {
        List<String> specs = new ArrayList<>();
        for (StructField field : schema.fields()) {
            // Spark columns are all required in MLflow's inference: nullable is true for almost every column.
            ObjectNode spec = type(field.dataType(), field.name());
            spec.put("name", field.name());
            spec.put("required", true);
            specs.add(PythonJson.write(spec));
        }
        return "[" + String.join(", ", specs) + "]";
    }

    /** The MLflow type of a top-level column, such as {@code long}, {@code array} or {@code object}. */
    static String columnType(StructField field) {
        return type(field.dataType(), field.name()).path("type").asText();
    }

    private static ObjectNode type(DataType type, String column) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (type instanceof ArrayType array) {
            node.put("type", "array");
            node.set("items", type(array.elementType(), column));
        } else if (type instanceof StructType struct) {
            node.put("type", "object");
            ObjectNode properties = node.putObject("properties");
            StructField[] fields = struct.fields().clone();
            Arrays.sort(fields, Comparator.comparing(StructField::name));
            for (StructField field : fields) {
                ObjectNode property = type(field.dataType(), column + "." + field.name());
                property.put("required", !field.nullable());
                properties.set(field.name(), property);
            }
        } else {
            node.put("type", atomic(type, column));
        }
        return node;
    }

    private static String atomic(DataType type, String column) {
        if (type instanceof LongType) {
            return "long";
        } else if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            return "integer";
        } else if (type instanceof DoubleType) {
            return "double";
        } else if (type instanceof FloatType) {
            return "float";
        } else if (type instanceof BooleanType) {
            return "boolean";
        } else if (type instanceof StringType) {
            return "string";
        } else if (type instanceof BinaryType) {
            return "binary";
        } else if (type instanceof DateType || type instanceof TimestampType) {
            return "datetime";
        } else if (type instanceof VectorUDT) {
            return "sparkml_vector";
        }
        throw new IllegalArgumentException("Column '" + column + "' has Spark type " + type.simpleString()
                + ", which an MLflow signature cannot describe. Cast it (for example to double or string) or leave "
                + "it out of the signature's schema.");
    }
}
