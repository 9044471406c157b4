package org.mllabs.runtime.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.MlflowServerExtension;

@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class ArtifactStoreIT {

    private static LabMlflow mlflow;
    private static ArtifactStore artifacts;

    @BeforeAll
    static void connect(MlflowServer server) {
        mlflow = LabMlflow.open(server.trackingUri());
        artifacts = mlflow.artifacts();
    }

    @AfterAll
    static void close() {
        mlflow.close();
    }

    private static byte[] everyByteValueAndNoise() {
        byte[] bytes = new byte[256 + 70_000];
        for (int i = 0; i < 256; i++) {
            bytes[i] = (byte) i;
        }
        byte[] noise = new byte[70_000];
        new Random(42).nextBytes(noise);
        System.arraycopy(noise, 0, bytes, 256, noise.length);
        return bytes;
    }

    private static Path writeTree(Path root) throws IOException {
        Files.createDirectories(root.resolve("data/nested/deeper"));
        Files.write(root.resolve("weights.bin"), everyByteValueAndNoise());
        Files.writeString(root.resolve("data/notes with space.txt"), "caf\u00e9 \u2713\n");
        Files.writeString(root.resolve("data/nested/params.json"), "{\"maxIter\": 10}");
        Files.write(root.resolve("data/nested/deeper/empty.bin"), new byte[0]);
        return root;
    }

    private static Map<String, byte[]> contents(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(
                    f -> root.relativize(f).toString().replace('\\', '/'), ArtifactStoreIT::read));
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theRunsArtifactRootIsProxied() {
        String runId = TestRuns.newRun(mlflow, "artifacts");

        assertThat(mlflow.artifactUriOf(runId)).startsWith("mlflow-artifacts:/").endsWith(runId + "/artifacts");
    }

    @Test
    void bytesComeBackIdentical() {
        String runId = TestRuns.newRun(mlflow, "artifacts");
        byte[] bytes = everyByteValueAndNoise();

        artifacts.upload(runId, "blobs/all-bytes.bin", bytes);

        assertThat(artifacts.download(runId, "blobs/all-bytes.bin")).isEqualTo(bytes);
    }

    @Test
    void aDirectoryIsUploadedListedRecursivelyAndDownloadedIdentical(@TempDir Path temp) throws IOException {
        String runId = TestRuns.newRun(mlflow, "artifacts");
        Path local = writeTree(temp.resolve("local"));

        artifacts.uploadDirectory(runId, local, "bundle");

        assertThat(artifacts.list(runId, "")).containsExactlyInAnyOrder(
                new ArtifactFile("bundle", true, 0),
                new ArtifactFile("bundle/data", true, 0),
                new ArtifactFile("bundle/data/nested", true, 0),
                new ArtifactFile("bundle/data/nested/deeper", true, 0),
                new ArtifactFile("bundle/data/nested/deeper/empty.bin", false, 0),
                new ArtifactFile("bundle/data/nested/params.json", false, 15),
                new ArtifactFile("bundle/data/notes with space.txt", false,
                        "caf\u00e9 \u2713\n".getBytes(StandardCharsets.UTF_8).length),
                new ArtifactFile("bundle/weights.bin", false, 256 + 70_000));
        Path downloaded = artifacts.downloadDirectory(runId, "bundle", temp.resolve("downloaded"));
        Map<String, byte[]> expected = contents(local);
        Map<String, byte[]> actual = contents(downloaded);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((path, bytes) -> assertThat(actual.get(path)).as(path).isEqualTo(bytes));
    }

    @Test
    void aSubdirectoryCanBeListedAndDownloadedByArtifactUri(@TempDir Path temp) throws IOException {
        String runId = TestRuns.newRun(mlflow, "artifacts");
        artifacts.uploadDirectory(runId, writeTree(temp.resolve("local")), "");

        assertThat(artifacts.list(runId, "data/nested")).extracting(ArtifactFile::path).containsExactlyInAnyOrder(
                "data/nested/deeper", "data/nested/deeper/empty.bin", "data/nested/params.json");
        Path downloaded = artifacts.downloadDirectory(mlflow.artifactUriOf(runId) + "/data/nested",
                temp.resolve("nested"));
        assertThat(contents(downloaded).keySet()).containsExactlyInAnyOrder("deeper/empty.bin", "params.json");
    }

    @Test
    void aFileKeepsItsNameUnderTheGivenDirectory(@TempDir Path temp) throws IOException {
        String runId = TestRuns.newRun(mlflow, "artifacts");
        Path file = Files.writeString(temp.resolve("report.md"), "# Report\n");

        artifacts.uploadFile(runId, file, "reports/2026");

        assertThat(new String(artifacts.download(runId, "reports/2026/report.md"), StandardCharsets.UTF_8))
                .isEqualTo("# Report\n");
    }

    @Test
    void aMissingArtifactIsAnErrorNamingIt(@TempDir Path temp) {
        String runId = TestRuns.newRun(mlflow, "artifacts");

        assertThatThrownBy(() -> artifacts.download(runId, "nothing/here.txt"))
                .isInstanceOf(MlflowApiException.class)
                .hasMessageContaining("nothing/here.txt");
        assertThatThrownBy(() -> artifacts.downloadDirectory(runId, "nothing", temp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No artifacts under");
    }
}
