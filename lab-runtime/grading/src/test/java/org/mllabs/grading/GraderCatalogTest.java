package org.mllabs.grading;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraderCatalogTest {

    @Test
    void aLabWhoseGraderIsNotBuiltGetsAMessageSayingHowToBuildIt(@TempDir Path graders) throws IOException {
        Files.createDirectories(graders.resolve("lab05-model-evaluation/src"));

        assertThatThrownBy(() -> GraderCatalog.load(graders).forLab("lab05"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No grader for lab05 is built")
                .hasMessageContaining("./mvnw -q package -DskipTests");
    }

    @Test
    void aJarLeftFromAnotherBuildIsNamedAndSpoilsNoOtherLookUp(@TempDir Path graders) throws IOException {
        Path target = Files.createDirectories(graders.resolve("lab07-delta-lake/target"));
        Path jar = target.resolve("grader-lab07-delta-lake-0.1.0-SNAPSHOT.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/" + Grader.class.getName()));
            out.write("org.mllabs.graders.lab07.GoneGrader\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Files.writeString(target.resolve("grader-lab07-delta-lake-0.1.0-SNAPSHOT-tests.jar"), "not a jar");

        GraderCatalog catalog = GraderCatalog.load(graders);

        assertThatThrownBy(() -> catalog.forLab("lab07"))
                .hasMessageContaining("could not be loaded: " + jar)
                .hasMessageContaining("GoneGrader");
        assertThatThrownBy(() -> catalog.forLab("lab01"))
                .hasMessageContaining("No grader for lab01 is built");
    }
}
