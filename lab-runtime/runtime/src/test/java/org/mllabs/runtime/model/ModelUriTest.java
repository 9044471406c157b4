package org.mllabs.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelUriTest {

    @Test
    void parsesARunModel() {
        assertThat(ModelUri.parse("runs:/0a1b2c/model")).isEqualTo(new ModelUri.RunModel("0a1b2c", "model"));
        assertThat(ModelUri.parse("runs:/0a1b2c/models/spark/")).isEqualTo(new ModelUri.RunModel("0a1b2c",
                "models/spark"));
    }

    @Test
    void parsesAVersion() {
        assertThat(ModelUri.parse("models:/churn/3")).isEqualTo(new ModelUri.RegisteredVersion("churn", "3"));
        assertThat(ModelUri.parse("models:/main.ml.churn/12"))
                .isEqualTo(new ModelUri.RegisteredVersion("main.ml.churn", "12"));
    }

    @Test
    void parsesALoggedModelOfMlflow3() {
        assertThat(ModelUri.parse("models:/m-4a0dd692eb0649e3bfccfca6e4410dd0"))
                .isEqualTo(new ModelUri.LoggedModelId("m-4a0dd692eb0649e3bfccfca6e4410dd0"));
        assertThat(ModelUri.parse("models:/m-4a0dd692/1")).isEqualTo(new ModelUri.RegisteredVersion("m-4a0dd692",
                "1"));
    }

    @Test
    void parsesAnAlias() {
        assertThat(ModelUri.parse("models:/churn@Champion")).isEqualTo(new ModelUri.RegisteredAlias("churn",
                "Champion"));
        assertThat(ModelUri.parse("models:/main.ml.churn@challenger-2"))
                .isEqualTo(new ModelUri.RegisteredAlias("main.ml.churn", "challenger-2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"churn", "runs:/", "runs:/abc", "runs:/abc/", "models:/churn", "models:/churn@",
            "models:/@Champion", "models:/churn/Production", "models:/churn/3@x", "s3://bucket/model", ""})
    void refusesAnythingElseNamingTheAcceptedForms(String uri) {
        assertThatThrownBy(() -> ModelUri.parse(uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + uri + "'")
                .hasMessageContaining("runs:/RUN_ID/PATH")
                .hasMessageContaining("models:/NAME/VERSION")
                .hasMessageContaining("models:/NAME@ALIAS")
                .hasMessageContaining("models:/MODEL_ID");
    }
}
