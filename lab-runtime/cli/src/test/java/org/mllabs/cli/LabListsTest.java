package org.mllabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.RepositoryLayout;
import org.mllabs.runtime.lab.LabCatalog;
import org.mllabs.runtime.lab.LabDescriptor;

/**
 * Every list of labs agrees with the one place labs are defined, their folders' {@code lab.yaml}: the modules of
 * {@code labs/pom.xml} and {@code graders/pom.xml} (whose last is the suite that runs every grader's integration
 * tests), a grader folder for each lab, and the table of {@code labs/README.md} (id, folder and title, in order), the
 * only README that lists them. A new lab missing from one of them, or a row left behind by a removed one, fails here
 * with the line to add or remove.
 */
class LabListsTest {

    private static final RepositoryLayout REPOSITORY = RepositoryLayout.locate(LabEnvironment.current());
    /** The module of {@code graders/} that is no lab's grader: it runs every grader's integration tests. */
    private static final String SUITE = "suite";
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern LAB_ROW =
            Pattern.compile("(?m)^\\| \\[(lab\\d+)]\\(([^/)]+)/README\\.md\\) \\| ([^|]+) \\|");

    private final List<LabDescriptor> labs = LabCatalog.scan(REPOSITORY.labs()).all();

    @Test
    void everyLabFolderIsAModuleOfLabsAndOfGradersAndHasAGraderFolder() throws IOException {
        List<String> folders = folders();
        assertThat(modules(REPOSITORY.labs().resolve("pom.xml"))).as("labs/pom.xml's <module> lines")
                .containsExactlyElementsOf(folders);
        assertThat(modules(REPOSITORY.graders().resolve("pom.xml"))).as("graders/pom.xml's <module> lines, the "
                + "suite that runs every grader's integration tests last").containsExactlyElementsOf(
                Stream.concat(folders.stream(), Stream.of(SUITE)).toList());
        assertThat(folders).as("a grader folder for each lab").allSatisfy(folder ->
                assertThat(REPOSITORY.graders().resolve(folder).resolve("pom.xml")).isRegularFile());
    }

    @Test
    void theLabsReadmeListsEveryLabWithItsTitleInOrder() throws IOException {
        List<String> expected = labs.stream().map(lab -> "| [" + lab.id() + "](" + folder(lab) + "/README.md) | "
                + lab.title() + " |").toList();
        assertThat(rows(REPOSITORY.labs().resolve("README.md"), LAB_ROW)).as("labs/README.md's table of labs, "
                + "from each lab.yaml's id and title").containsExactlyElementsOf(expected);
    }

    private List<String> folders() {
        return labs.stream().map(LabListsTest::folder).toList();
    }

    private static String folder(LabDescriptor lab) {
        return lab.directory().getFileName().toString();
    }

    private static List<String> modules(Path pom) throws IOException {
        Matcher matcher = MODULE.matcher(Files.readString(pom));
        return Stream.iterate(matcher.find(), found -> found, found -> matcher.find())
                .map(found -> matcher.group(1)).toList();
    }

    /** The table rows the pattern recognises, cut after the second cell. */
    private static List<String> rows(Path readme, Pattern row) throws IOException {
        Matcher matcher = row.matcher(Files.readString(readme));
        return Stream.iterate(matcher.find(), found -> found, found -> matcher.find())
                .map(found -> "| [" + matcher.group(1) + "](" + matcher.group(2) + "/README.md) | "
                        + matcher.group(3).strip() + " |").toList();
    }
}
