package org.mllabs.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the mllabs repository is on disk, and its parts: {@code labs/}, {@code graders/}, {@code datasets/}.
 *
 * @param root the directory holding the parent {@code pom.xml}
 */
public record RepositoryLayout(Path root) {

    /** The variable that names the repository when the command runs elsewhere. */
    public static final String MLLABS_REPO = "MLLABS_REPO";

    public RepositoryLayout {
        root = root.toAbsolutePath().normalize();
    }

    /**
     * The repository named by {@code MLLABS_REPO}, else the first directory from the current one upwards that holds
     * {@code pom.xml}, {@code labs/} and {@code lab-runtime/}.
     *
     * @throws IllegalStateException with what to do, when there is none
     */
    public static RepositoryLayout locate(LabEnvironment environment) {
        Optional<String> named = environment.get(MLLABS_REPO);
        if (named.isPresent()) {
            Path root = Path.of(named.get());
            if (!isRepository(root)) {
                throw new IllegalStateException(MLLABS_REPO + "=" + root + " is not an mllabs checkout "
                        + "(no pom.xml, labs/ and lab-runtime/ there). Correct it or unset it.");
            }
            return new RepositoryLayout(root);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRepository(dir)) {
                return new RepositoryLayout(dir);
            }
        }
        throw new IllegalStateException("Run this from inside the mllabs checkout (the folder with labs/ and "
                + "lab-runtime/), or set " + MLLABS_REPO + " to it.");
    }

    private static boolean isRepository(Path dir) {
        return Files.isRegularFile(dir.resolve("pom.xml"))
                && Files.isDirectory(dir.resolve("labs"))
                && Files.isDirectory(dir.resolve("lab-runtime"));
    }

    /** The lab modules. */
    public Path labs() {
        return root.resolve("labs");
    }

    /** The grader modules. */
    public Path graders() {
        return root.resolve("graders");
    }

    /** The datasets shipped with the labs. */
    public Path datasets() {
        return root.resolve("datasets");
    }
}
