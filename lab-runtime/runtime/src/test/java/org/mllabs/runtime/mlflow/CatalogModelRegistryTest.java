package org.mllabs.runtime.mlflow;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Catalog mode refuses names without three parts before it sends anything: here no server listens at all. */
class CatalogModelRegistryTest {

    private final LabMlflow nowhere = LabMlflow.open(URI.create("http://127.0.0.1:9"));
    private final CatalogModelRegistry catalog = new CatalogModelRegistry(nowhere);

    @AfterEach
    void close() {
        nowhere.close();
    }

    @Test
    void aTwoPartModelNameIsRefusedWithTheThreePartForm() {
        assertThatThrownBy(() -> catalog.createRegisteredModel("ml_labs.churn", Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ml_labs.churn'")
                .hasMessageContaining("catalog.schema.model");
    }

    @Test
    void aVersionOfAOnePartModelNameIsRefused() {
        assertThatThrownBy(() -> catalog.registerVersion("churn", "0123abcd", "model"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'churn'");
    }
}
