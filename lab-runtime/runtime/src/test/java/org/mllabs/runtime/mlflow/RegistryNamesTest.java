package org.mllabs.runtime.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Champion", "challenger_2", "blue-green", "v1a", "latest2", "x"})
    void acceptsLettersDigitsUnderscoreAndDash(String alias) {
        assertThat(RegistryNames.requireAlias(alias)).isEqualTo(alias);
    }

    @ParameterizedTest
    @ValueSource(strings = {"my alias", "prod.v2", "a/b", "champion!"})
    void refusesOtherCharacters(String alias) {
        assertThatThrownBy(() -> RegistryNames.requireAlias(alias))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(alias)
                .hasMessageContaining("letters, digits, '_' and '-'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "Latest", "LATEST"})
    void refusesLatestInAnyCase(String alias) {
        assertThatThrownBy(() -> RegistryNames.requireAlias(alias)).hasMessageContaining("reserved");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "V12", "v007"})
    void refusesVersionNames(String alias) {
        assertThatThrownBy(() -> RegistryNames.requireAlias(alias)).hasMessageContaining("reserved")
                .hasMessageContaining("v<digits>");
    }

    @Test
    void refusesEmptyAndNull() {
        assertThatThrownBy(() -> RegistryNames.requireAlias("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> RegistryNames.requireAlias(null)).hasMessageContaining("empty");
    }

    @Test
    void acceptsUpTo255Characters() {
        assertThat(RegistryNames.requireAlias("a".repeat(255))).hasSize(255);
        assertThatThrownBy(() -> RegistryNames.requireAlias("a".repeat(256))).hasMessageContaining("at most 255");
    }

    @ParameterizedTest
    @ValueSource(strings = {"main.ml_labs.churn", "dev.team-a.model_2"})
    void acceptsThreePartCatalogNames(String name) {
        assertThat(RegistryNames.requireCatalogName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"churn", "ml_labs.churn", "a.b.c.d", "main..churn", "main.ml labs.churn", ".a.b"})
    void refusesOtherNamesWithAnExample(String name) {
        assertThatThrownBy(() -> RegistryNames.requireCatalogName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining("catalog.schema.model");
    }
}
