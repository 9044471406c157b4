package org.mllabs.serving.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneEntityGetsEveryRequestAndADefaultName() throws Exception {
        EndpointConfig config = parse("{\"served_entities\": [{\"entity_name\": "
                + "\"main.labs.churn\", \"entity_version\": \"3\", \"workload_size\": \"Small\"}]}");

        ServedEntity entity = config.servedEntities().get(0);
        assertThat(entity.name()).isEqualTo("churn-3");
        assertThat(entity.workloadSize().maxConcurrency()).isEqualTo(4);
        assertThat(entity.scaleToZeroEnabled()).isTrue();
        assertThat(entity.workloadType()).isEqualTo("CPU");
        assertThat(config.routes()).containsExactly(new TrafficRoute("churn-3", 100));
    }

    @Test
    void routesFollowTheEntitiesAndAnUnroutedEntityGetsNothing() throws Exception {
        EndpointConfig config = parse("{\"served_entities\": ["
                + entity("champion", 1) + ", " + entity("challenger", 2) + ", " + entity("shadow", 3) + "], "
                + "\"traffic_config\": {\"routes\": [{\"served_entity_name\": \"challenger\", "
                + "\"traffic_percentage\": 10}, {\"served_model_name\": \"champion\", \"traffic_percentage\": 90}]}}");

        assertThat(config.routes()).containsExactly(new TrafficRoute("champion", 90),
                new TrafficRoute("challenger", 10), new TrafficRoute("shadow", 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}| needs served_entities",
        "{\"served_entities\": []}| needs served_entities",
        "{\"served_models\": []}| served_models is the older form",
        "{\"served_entities\": [{\"entity_name\": \"churn\", \"entity_version\": \"1\", \"workload_size\": "
                + "\"Small\"}]}| not a three-part Unity Catalog name",
        "{\"served_entities\": [{\"entity_name\": \"a.b.c\", \"workload_size\": \"Small\"}]}| needs the field "
                + "entity_version",
        "{\"served_entities\": [{\"entity_name\": \"a.b.c\", \"entity_version\": \"Champion\", \"workload_size\": "
                + "\"Small\"}]}| must be a version number",
        "{\"served_entities\": [{\"entity_name\": \"a.b.c\", \"entity_version\": \"1\", \"workload_size\": "
                + "\"Tiny\"}]}| workload_size 'Tiny' is not one of Small, Medium, Large",
        "{\"served_entities\": [{\"entity_name\": \"a.b.c\", \"entity_version\": \"1\", \"workload_size\": "
                + "\"Small\", \"workload_sise\": 1}]}| has no field workload_sise",
        "{\"served_entities\": [{\"entity_name\": \"a.b.c\", \"entity_version\": \"1\", \"workload_size\": "
                + "\"Small\", \"workload_type\": \"TPU\"}]}| workload_type 'TPU'",
        "{\"served_entities\": [{\"name\": \"a b\", \"entity_name\": \"a.b.c\", \"entity_version\": \"1\", "
                + "\"workload_size\": \"Small\"}]}| may only contain letters",
    })
    void aWrongConfigIsRefusedSayingWhatIsWrong(String config, String says) throws Exception {
        assertThatThrownBy(() -> parse(config))
                .isInstanceOfSatisfying(ServingError.class, error -> {
                    assertThat(error.status()).isEqualTo(400);
                    assertThat(error.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
                })
                .hasMessageContaining(says.strip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "| needs traffic_config.routes",
        "\"traffic_config\": {\"routes\": [{\"served_entity_name\": \"a\", \"traffic_percentage\": 60}, "
                + "{\"served_entity_name\": \"b\", \"traffic_percentage\": 30}]}| sum to 90: they must sum to 100",
        "\"traffic_config\": {\"routes\": [{\"served_entity_name\": \"a\", \"traffic_percentage\": 100}, "
                + "{\"served_entity_name\": \"c\", \"traffic_percentage\": 0}]}| names served entity 'c'",
        "\"traffic_config\": {\"routes\": [{\"served_entity_name\": \"a\", \"traffic_percentage\": 50}, "
                + "{\"served_entity_name\": \"a\", \"traffic_percentage\": 50}]}| has two routes",
        "\"traffic_config\": {\"routes\": [{\"served_entity_name\": \"a\", \"traffic_percentage\": 50.5}, "
                + "{\"served_entity_name\": \"b\", \"traffic_percentage\": 49.5}]}| a whole number from 0 to 100",
        "\"traffic_config\": {\"routes\": [{\"served_entity_name\": \"a\", \"traffic_percentage\": 150}, "
                + "{\"served_entity_name\": \"b\", \"traffic_percentage\": -50}]}| a whole number from 0 to 100",
    })
    void wrongTrafficIsRefusedSayingWhatIsWrong(String traffic, String says) throws Exception {
        String config = "{\"served_entities\": [" + entity("a", 1) + ", " + entity("b", 2) + "]"
                + (traffic == null ? "" : ", " + traffic) + "}";

        assertThatThrownBy(() -> parse(config)).isInstanceOf(ServingError.class)
                .hasMessageContaining(says.strip());
    }

    @Test
    void aShadowRouteScoresCopiesAndAnswersNothingItself() throws Exception {
        String shadow = "{\"served_entities\": [" + entity("champion", 1) + ", " + entity("challenger", 2) + "], "
                + "\"traffic_config\": {\"routes\": [{\"served_entity_name\": \"champion\", \"traffic_percentage\": "
                + "100}, {\"served_entity_name\": \"challenger\", \"traffic_percentage\": %d, \"shadow\": true}]}}";

        EndpointConfig config = parse(shadow.formatted(0));

        assertThat(config.shadows()).extracting(ServedEntity::name).containsExactly("challenger");
        assertThat(EndpointConfig.parse(config.toJson(), "churn")).isEqualTo(config);
        assertThatThrownBy(() -> parse(shadow.formatted(10))).hasMessageContaining("its share must be 0");
    }

    @Test
    void anInferenceTableIsNamedFromItsCatalogSchemaAndPrefix() throws Exception {
        String config = "{\"served_entities\": [" + entity("a", 1) + "], \"auto_capture_config\": %s}";

        EndpointConfig named = parse(config.formatted("{\"catalog_name\": \"main\", \"schema_name\": \"ops\", "
                + "\"table_name_prefix\": \"churn_v2\"}"));
        EndpointConfig unnamed = EndpointConfig.parse(json(config.formatted("{\"catalog_name\": \"main\", "
                + "\"schema_name\": \"ops\"}")), "churn-endpoint");

        assertThat(named.autoCapture()).hasValueSatisfying(table -> {
            assertThat(table.tableName()).isEqualTo("main.ops.churn_v2_payload");
            assertThat(table.enabled()).isTrue();
        });
        assertThat(unnamed.autoCapture().map(AutoCaptureConfig::tableName)).hasValue(
                "main.ops.churn_endpoint_payload");
        assertThat(EndpointConfig.parse(named.toJson(), "churn")).isEqualTo(named);
        assertThatThrownBy(() -> parse(config.formatted("{\"schema_name\": \"ops\"}")))
                .hasMessageContaining("needs the field catalog_name");
        assertThatThrownBy(() -> parse(config.formatted("{\"catalog_name\": \"main\", \"schema_name\": "
                + "\"ops.x\"}"))).hasMessageContaining("may only contain letters, digits and '_'");
    }

    @Test
    void twoEntitiesOfOneNameAreRefused() {
        assertThatThrownBy(() -> parse("{\"served_entities\": [" + entity("a", 1) + ", "
                + entity("a", 2) + "], \"traffic_config\": {\"routes\": [{\"served_entity_name\": \"a\", "
                + "\"traffic_percentage\": 100}]}}")).hasMessageContaining("Two served entities are named 'a'");
    }

    @Test
    void theConfigReadsBackFromWhatItWrites() throws Exception {
        EndpointConfig config = parse("{\"served_entities\": [" + entity("a", 1) + ", "
                + entity("b", 2) + "], \"traffic_config\": {\"routes\": [{\"served_entity_name\": \"a\", "
                + "\"traffic_percentage\": 50}, {\"served_entity_name\": \"b\", \"traffic_percentage\": 50}]}}");

        assertThat(EndpointConfig.parse(config.toJson(), "churn")).isEqualTo(config);
    }

    static String entity(String name, int version) {
        return "{\"name\": \"" + name + "\", \"entity_name\": \"main.labs.churn\", \"entity_version\": \"" + version
                + "\", \"workload_size\": \"Small\", \"scale_to_zero_enabled\": false}";
    }

    private static EndpointConfig parse(String config) throws Exception {
        return EndpointConfig.parse(json(config), "churn");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
