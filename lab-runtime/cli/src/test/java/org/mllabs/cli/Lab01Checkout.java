package org.mllabs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.mllabs.runtime.RepositoryLayout;

/**
 * A learner's checkout of lab 01 for tests of class grading: what {@code lab run lab01} needs of this repository, and
 * the grader's source (which the instructor's grading must never use).
 */
final class Lab01Checkout {

    /** The lab's folder. */
    static final String LAB_FOLDER = "labs/lab01-mlflow-tracking";

    /** The learner's steps, under the lab's folder. */
    static final String STEPS = "src/main/java/org/mllabs/lab01/TrackingSteps.java";

    /** The grader's source, under the checkout. */
    static final String GRADER = "graders/lab01-mlflow-tracking/src/main/java/org/mllabs/graders/lab01/"
            + "TrackingGrader.java";

    private Lab01Checkout() {
    }

    /** Copies the starter checkout into {@code target}. */
    static Path starter(RepositoryLayout repository, Path target) throws IOException {
        for (String part : List.of("pom.xml", LAB_FOLDER + "/lab.yaml", LAB_FOLDER + "/README.md",
                LAB_FOLDER + "/src/main/java", "datasets/customer_churn", "graders/lab01-mlflow-tracking/src/main")) {
            copy(repository.root().resolve(part), target.resolve(part));
        }
        Files.createDirectories(target.resolve("lab-runtime"));
        return target;
    }

    /** Copies the starter checkout into {@code target}, with the reference solution's steps as the learner's. */
    static Path solved(RepositoryLayout repository, Path target) throws IOException {
        starter(repository, target);
        Files.copy(repository.root().resolve(LAB_FOLDER + "/src/solution/java/org/mllabs/lab01/TrackingSteps.java"),
                target.resolve(LAB_FOLDER + "/" + STEPS), StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** Whether submissions can run as users of their own here: root on Linux with {@code setpriv}. */
    static boolean runsAsRoot() {
        try {
            return (int) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0
                    && Files.isExecutable(Path.of("/usr/bin/setpriv"));
        } catch (IOException | RuntimeException notLinux) {
            return false;
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
    }
}
