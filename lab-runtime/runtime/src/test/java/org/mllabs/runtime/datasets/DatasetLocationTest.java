package org.mllabs.runtime.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.LabEnvironment;

/** How {@link DatasetsDirectory} finds the datasets folder. */
class DatasetLocationTest {

    private static final LabEnvironment NO_VARIABLES = new LabEnvironment(Map.of());

    @TempDir
    Path root;

    @Test
    void walksUpToTheDatasetsFolderNextToAPom() throws IOException {
        Files.createDirectories(root.resolve("datasets"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Path nested = Files.createDirectories(root.resolve("labs/lab01/src"));
        Files.writeString(root.resolve("labs/pom.xml"), "<project/>");

        assertThat(DatasetsDirectory.locate(NO_VARIABLES, nested)).isEqualTo(root.resolve("datasets"));
    }

    @Test
    void ignoresADatasetsFolderWithoutAPomBesideIt() throws IOException {
        Files.createDirectories(root.resolve("outer/datasets"));
        Path inner = Files.createDirectories(root.resolve("outer/inner"));

        assertThatThrownBy(() -> DatasetsDirectory.locate(NO_VARIABLES, inner))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(inner.toString())
                .hasMessageContaining(DatasetsDirectory.VARIABLE);
    }

    @Test
    void theVariableWins() throws IOException {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        LabEnvironment environment = new LabEnvironment(Map.of(DatasetsDirectory.VARIABLE, elsewhere.toString()));

        assertThat(DatasetsDirectory.locate(environment, root)).isEqualTo(elsewhere);
    }

    @Test
    void aVariableNamingNoFolderFails() {
        Path missing = root.resolve("missing");
        LabEnvironment environment = new LabEnvironment(Map.of(DatasetsDirectory.VARIABLE, missing.toString()));

        assertThatThrownBy(() -> DatasetsDirectory.locate(environment, root))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(DatasetsDirectory.VARIABLE + " is " + missing);
    }

    @Test
    void fromTheModuleTheRepositoryDatasetsAreFound() {
        LabDatasets datasets = LabDatasets.locate();

        assertThat(datasets.directory().resolveSibling("pom.xml")).isRegularFile();
        assertThat(datasets.file(LabDataset.CUSTOMER_CHURN))
                .isEqualTo(datasets.directory().resolve("customer_churn/customer_churn.csv"));
    }
}
