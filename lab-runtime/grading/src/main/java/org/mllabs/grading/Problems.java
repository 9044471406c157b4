package org.mllabs.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a check found wrong, one line a problem, each saying what was expected and what was found; a check passes when
 * there is none. {@link #about} gives a view that puts a subject (a run, a stage) before each of its lines.
 */
public final class Problems {

    private final List<String> lines;
    private final String prefix;

    /** No problems yet. */
    public Problems() {
        this(new ArrayList<>(), "");
    }

    private Problems(List<String> lines, String prefix) {
        this.lines = lines;
        this.prefix = prefix;
    }

    /** The same problems, with the subject written before each line added through the view. */
    public Problems about(String subject) {
        return new Problems(lines, prefix + subject + ": ");
    }

    /** Adds a problem. */
    public Problems add(String problem) {
        lines.add(prefix + problem);
        return this;
    }

    /** Adds a problem unless {@code found} equals {@code expected}; an absent value reads "none". */
    public Problems expect(String what, Object expected, Object found) {
        if (!Objects.equals(expected, found)) {
            add("expected " + what + " = " + expected + ", found " + (found == null ? "none" : found));
        }
        return this;
    }

    /** Adds the problem when the condition does not hold. */
    public Problems require(boolean condition, String problem) {
        if (!condition) {
            add(problem);
        }
        return this;
    }

    /** Whether nothing is wrong. */
    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** The problems so far, in the order they were added. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Passed with what was observed when there is no problem; failed with every problem, a line each, otherwise. */
    public CheckResult result(String observed) {
        return CheckResult.when(lines.isEmpty(), observed, String.join("\n", lines));
    }
}
