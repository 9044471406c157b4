package org.mllabs.cli.export;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

/** What a learner's copy of the repository leaves out, and why. */
public enum LeftOut {
    /** {@code labs/<lab>/src/solution/**}: {@code lab run --solution} says it is not part of the copy. */
    REFERENCE_SOLUTIONS("reference solutions", "labs/*/src/solution/**", 4),
    /** {@code graders/<lab>/src/hidden/**}: the hidden checks and their documentation. */
    HIDDEN_CHECKS("hidden checks", "graders/*/src/hidden/**", 4),
    /** {@code graders/<lab>/src/test/**}: the graders' tests, whose mutants quote the solution. */
    GRADER_TESTS("grader tests and mutants", "graders/*/src/test/**", 4),
    /** Any file named {@code grading-seed}. */
    GRADING_SEED("grading seed", "{grading-seed,**/grading-seed}", Integer.MAX_VALUE);

    private final String description;
    private final PathMatcher matcher;
    private final int folderDepth;

    LeftOut(String description, String glob, int folderDepth) {
        this.description = description;
        this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        this.folderDepth = folderDepth;
    }

    /** What is left out, in a few words. */
    public String description() {
        return description;
    }

    /** Whether the file, relative to the repository's root, is left out for this reason. */
    boolean matches(Path relative) {
        return matcher.matches(relative);
    }

    /** The folder that names what is left out, such as {@code labs/lab01-mlflow-tracking/src/solution}. */
    Path folderOf(Path relative) {
        return relative.getNameCount() <= folderDepth ? relative : relative.subpath(0, folderDepth);
    }
}
