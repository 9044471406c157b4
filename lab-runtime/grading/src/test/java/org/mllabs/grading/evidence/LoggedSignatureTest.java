package org.mllabs.grading.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mllabs.runtime.model.MlModelFiles;
import org.mllabs.runtime.model.ModelSignature;

class LoggedSignatureTest {

    private static final StructType FEATURES = new StructType()
            .add("living_area_sqm", DataTypes.DoubleType)
            .add("bedrooms", DataTypes.IntegerType)
            .add("heating", DataTypes.StringType);
    private static final StructType PREDICTIONS = new StructType()
            .add("probability", SQLDataTypes.VectorType())
            .add("prediction", DataTypes.DoubleType);

    @Test
    void readsTheColumnsOfTheSignatureAnMlModelFileDeclares() {
        ModelSignature signature = ModelSignature.infer(FEATURES, PREDICTIONS);

        LoggedSignature logged = LoggedSignature.parse(mlmodel(signature)).orElseThrow();

        assertThat(logged.inputNames()).containsExactlyElementsOf(Arrays.asList(FEATURES.fieldNames()));
        assertThat(logged.outputNames()).containsExactlyElementsOf(Arrays.asList(PREDICTIONS.fieldNames()));
        assertThat(logged.inputs()).extracting(LoggedSignature.Column::type)
                .containsExactly("double", "integer", "string");
        assertThat(logged.outputs()).extracting(LoggedSignature.Column::type)
                .containsExactly("sparkml_vector", "double");
    }

    @Test
    void aSignatureReadFromAFileEqualsTheOneExpectedFromTheSameSchemas() {
        ModelSignature signature = ModelSignature.infer(FEATURES, PREDICTIONS);

        assertThat(LoggedSignature.parse(mlmodel(signature))).contains(LoggedSignature.of(signature));
        assertThat(LoggedSignature.of(ModelSignature.infer(
                new StructType(Arrays.copyOf(FEATURES.fields(), 2, StructField[].class)), PREDICTIONS)))
                .isNotEqualTo(LoggedSignature.of(signature));
    }

    @Test
    void aModelLoggedWithoutASignatureHasNone() {
        assertThat(LoggedSignature.parse(mlmodel(null))).isEmpty();
    }

    @Test
    void columnSpecsThatAreNotAJsonListAreRefusedSayingWhichSide() {
        byte[] file = "signature:\n  inputs: 'not json ['\n  outputs: '[]'\n".getBytes(StandardCharsets.UTF_8);
        byte[] notAList = "signature:\n  inputs: '[]'\n  outputs: '{\"a\": 1}'\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> LoggedSignature.parse(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inputs are not JSON");
        assertThatThrownBy(() -> LoggedSignature.parse(notAList)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outputs are not a list");
    }

    private static byte[] mlmodel(ModelSignature signature) {
        MlModelFiles files = new MlModelFiles("model", "0123456789abcdef0123456789abcdef",
                "fedcba9876543210fedcba9876543210", Instant.parse("2026-01-02T03:04:05Z"), signature, "3.11");
        return files.render().get(MlModelFiles.MLMODEL).getBytes(StandardCharsets.UTF_8);
    }
}
