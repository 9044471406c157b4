package org.mllabs.runtime.lab;

import java.util.List;

/**
 * Which tree of a lab to run.
 *
 * <p>The starter tree {@code src/main/java} holds the given code and the learner's TODOs. The solution tree
 * {@code src/solution/java} mirrors it with the same class names, and holds only the files whose TODOs it solves;
 * the given code comes from the starter tree, so it is written once.
 */
public enum LabVariant {
    /** The learner's code. */
    STARTER(List.of("src/main/java")),
    /** The reference solution laid over the given code. */
    SOLUTION(List.of("src/main/java", "src/solution/java"));

    private final List<String> sourceTrees;

    LabVariant(List<String> sourceTrees) {
        this.sourceTrees = sourceTrees;
    }

    /**
     * The source trees, relative to the lab's folder; a file in a later tree replaces the same file in an earlier one.
     */
    public List<String> sourceTrees() {
        return sourceTrees;
    }
}
