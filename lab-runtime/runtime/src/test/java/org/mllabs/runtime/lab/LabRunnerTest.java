package org.mllabs.runtime.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.server.MlflowServer;

class LabRunnerTest {

    @TempDir
    Path temp;

    private Path labDir;
    private final List<String> logged = new ArrayList<>();

    @BeforeEach
    void writeLab() throws IOException {
        labDir = temp.resolve("lab42-sample");
        Files.createDirectories(labDir);
        Files.writeString(labDir.resolve("lab.yaml"), """
                id: lab42
                title: Sample
                summary: A lab for tests
                exam_topics: [testing]
                entry_class: sample.SampleLab
                steps:
                  - id: lab42.step1
                    title: say something
                """);
        write("src/main/java", "SampleLab.java", """
                package sample;
                public final class SampleLab implements org.mllabs.runtime.lab.LabExercise {
                    public void run(org.mllabs.runtime.lab.LabContext context) {
                        context.log("given code runs");
                        context.log(new Steps().say());
                    }
                }
                """);
        write("src/main/java", "Steps.java", """
                package sample;
                final class Steps {
                    String say() {
                        throw new org.mllabs.runtime.lab.StepNotDoneException("lab42.step1", "say something");
                    }
                }
                """);
        write("src/solution/java", "Steps.java", """
                package sample;
                final class Steps {
                    String say() {
                        return "solution says hello";
                    }
                }
                """);
    }

    private void write(String tree, String file, String source) throws IOException {
        Path path = labDir.resolve(tree).resolve("sample").resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, source);
    }

    private LabRunResult run(LabVariant variant) {
        LabDescriptor lab = LabDescriptor.read(labDir);
        LabContext context = new LabContext(lab, new LearnerId("ada"),
                new MlflowServer(URI.create("http://localhost:1"), MlflowServer.Provider.TRACKING_URI, "unused"),
                () -> {
                    throw new AssertionError("this lab needs no Spark");
                }, temp, temp, logged::add);
        return LabRunner.run(lab, variant, context, temp.resolve("classes-" + variant));
    }

    @Test
    void theStarterStopsAtTheFirstStepNotDoneAndNamesIt() {
        LabRunResult result = run(LabVariant.STARTER);

        assertThat(result.status()).isEqualTo(LabRunResult.Status.STEP_NOT_DONE);
        assertThat(result.stepId()).contains("lab42.step1");
        assertThat(result.message()).contains("Step lab42.step1 is not done yet: say something", "README.md");
        assertThat(logged).contains("given code runs");
    }

    @Test
    void theSolutionReplacesOnlyTheFilesItMirrors() {
        LabRunResult result = run(LabVariant.SOLUTION);

        assertThat(result.status()).isEqualTo(LabRunResult.Status.COMPLETED);
        assertThat(logged).containsSubsequence("given code runs", "solution says hello");
    }

    @Test
    void codeThatDoesNotCompileIsReportedWithFileAndLine() throws IOException {
        write("src/main/java", "Steps.java",
                "package sample;\nfinal class Steps {\n  String say() { return 42; }\n}\n");

        LabRunResult result = run(LabVariant.STARTER);

        assertThat(result.status()).isEqualTo(LabRunResult.Status.DOES_NOT_COMPILE);
        assertThat(result.message()).contains("Steps.java:3", "incompatible types");
    }

    @Test
    void anExceptionFromTheLearnersCodeIsReportedWithItsLineAndNothingEscapes() throws IOException {
        write("src/main/java", "Steps.java",
                "package sample;\nfinal class Steps {\n  String say() {\n    return ((String) null).trim();\n  }\n}\n");

        LabRunResult result = run(LabVariant.STARTER);

        assertThat(result.status()).isEqualTo(LabRunResult.Status.FAILED);
        assertThat(result.message()).contains("NullPointerException", "sample.Steps.say(Steps.java:4)",
                "runs already logged are kept");
    }

    @Test
    void aSecondRunWithoutAnEditReusesTheClassesAndAnEditIsCompiledAgain() throws IOException {
        run(LabVariant.SOLUTION);
        logged.clear();

        LabRunResult unchanged = run(LabVariant.SOLUTION);

        assertThat(unchanged.status()).isEqualTo(LabRunResult.Status.COMPLETED);
        assertThat(logged).anyMatch(line -> line.contains("compiled before"))
                .noneMatch(line -> line.startsWith("Compiling"));
        assertThat(logged).contains("solution says hello");

        write("src/solution/java", "Steps.java",
                "package sample;\nfinal class Steps {\n  String say() { return \"edited\"; }\n}\n");
        logged.clear();

        LabRunResult edited = run(LabVariant.SOLUTION);

        assertThat(edited.status()).isEqualTo(LabRunResult.Status.COMPLETED);
        assertThat(logged).anyMatch(line -> line.startsWith("Compiling")).contains("edited");
    }

    @Test
    void codeThatFailedToCompileIsCompiledAgainOnTheNextRun() throws IOException {
        write("src/main/java", "Steps.java",
                "package sample;\nfinal class Steps {\n  String say() { return 42; }\n}\n");
        run(LabVariant.STARTER);
        logged.clear();

        LabRunResult again = run(LabVariant.STARTER);

        assertThat(again.status()).isEqualTo(LabRunResult.Status.DOES_NOT_COMPILE);
        assertThat(logged).anyMatch(line -> line.startsWith("Compiling"));
    }
}
