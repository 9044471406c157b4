package org.mllabs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A checkout of its own for tests of {@code lab run}: the folders the lab command looks for and one lab,
 * {@value #LAB}, whose entry class runs the body a test gives it.
 */
final class SampleCheckout {

    /** The sample lab's id. */
    static final String LAB = "lab42";

    private SampleCheckout() {
    }

    /**
     * Writes the checkout.
     *
     * @param root an empty folder
     * @param runBody the statements of {@code run(LabContext context) throws Exception}
     * @return the root
     */
    static Path write(Path root, String runBody) {
        Path lab = root.resolve("labs/lab42-sample");
        try {
            Files.createDirectories(root.resolve("lab-runtime"));
            Files.writeString(root.resolve("pom.xml"), "<project/>\n");
            Files.createDirectories(lab.resolve("src/main/java/sample"));
            Files.writeString(lab.resolve("lab.yaml"), """
                    id: lab42
                    title: Sample
                    summary: A lab for tests of the lab command
                    exam_topics: [testing]
                    entry_class: sample.SampleLab
                    steps:
                      - id: lab42.step1
                        title: do what the test says
                    """);
            Files.writeString(lab.resolve("README.md"), "# Lab 42\n");
            Files.writeString(lab.resolve("src/main/java/sample/SampleLab.java"), """
                    package sample;

                    import org.mllabs.runtime.lab.LabContext;

                    public final class SampleLab implements org.mllabs.runtime.lab.LabExercise {
                        @Override
                        public void run(LabContext context) throws Exception {
                            %s
                        }
                    }
                    """.formatted(runBody));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }
}
