package org.mllabs.grading.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void missingParentsAreCreated() {
        Path nested = dir.resolve("reports/ada/lab99");

        assertThat(ReportDirectory.create(nested).path()).isEqualTo(nested).isDirectory();
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsNamedWithTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("reports"), "a file, not a directory");

        assertThatThrownBy(() -> ReportDirectory.create(file))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("Cannot write grade reports to " + file + ": " + file + " is a file, not a directory.");
        assertThatThrownBy(() -> ReportDirectory.create(file.resolve("lab99")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("Cannot write grade reports to " + file.resolve("lab99") + ": ");
    }
}
