package org.mllabs.grading;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.mllabs.grading.evidence.UnscorableModelException;

/**
 * Runs a grader's checks in order, then the lab's {@link HiddenChecks} found on the class path, and collects the
 * report.
 */
public final class Grading {

    private Grading() {
    }

    /**
     * Grades a lab: runs the grader's checks, then every hidden check of the lab, made {@link Visibility#HIDDEN};
     * then asks the grader for its figures. A grader whose figures cannot be drawn still gets its grade, without
     * figures and with a note saying why.
     *
     * @param grader the lab's grader
     * @param context where the learner's work is
     */
    public static GradeReport grade(Grader grader, GradingContext context) {
        long start = System.nanoTime();
        List<Check> checks = allChecks(grader, context);
        requireValid(grader.labId(), checks);
        Map<String, CheckResult> results = new HashMap<>();
        List<CheckOutcome> outcomes = new ArrayList<>();
        for (Check check : checks) {
            long checkStart = System.nanoTime();
            CheckResult result = prerequisiteNotPassed(check, results)
                    .map(id -> CheckResult.skipped("skipped because " + id + " did not pass"))
                    .orElseGet(() -> evaluate(check, context.server().trackingUri()));
            results.put(check.id(), result);
            outcomes.add(new CheckOutcome(check, result, Duration.ofNanos(System.nanoTime() - checkStart)));
        }
        List<Figure> figures = List.of();
        List<String> notes = List.of();
        try {
            figures = List.copyOf(grader.figures(context));
        } catch (RuntimeException e) {
            notes = List.of("The figures could not be drawn: "
                    + Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
        return new GradeReport(grader.labId(), context.learner().value(), outcomes,
                Duration.ofNanos(System.nanoTime() - start), figures, notes);
    }

    /**
     * The checks a grade runs, in order: the grader's, then every hidden check of its lab, made
     * {@link Visibility#HIDDEN}. A grader found at run time brings its hidden checks in its own jar, which only its
     * own class loader sees.
     *
     * @param grader the lab's grader
     * @param context where the learner's work is
     */
    public static List<Check> allChecks(Grader grader, GradingContext context) {
        List<Check> checks = new ArrayList<>(grader.checks(context));
        for (HiddenChecks hidden : ServiceLoader.load(HiddenChecks.class, grader.getClass().getClassLoader())) {
            if (hidden.labId().equals(grader.labId())) {
                hidden.checks(context).forEach(check -> checks.add(check.hidden()));
            }
        }
        return checks;
    }

    private static Optional<String> prerequisiteNotPassed(Check check, Map<String, CheckResult> results) {
        return check.dependsOn().stream().filter(id -> !results.get(id).passed()).findFirst();
    }

    private static CheckResult evaluate(Check check, URI trackingUri) {
        try {
            return check.rule().evaluate();
        } catch (UnscorableModelException e) {
            // the learner's model reads what it does not declare: the learner's mistake, said as the check found it
            return CheckResult.failed(e.getMessage());
        } catch (Exception e) {
            return EnvironmentFailure.of(e, trackingUri)
                    .map(CheckResult::error)
                    .orElseGet(() -> CheckResult.failed("could not be checked: " + e.getMessage()));
        }
    }

    private static void requireValid(String labId, List<Check> checks) {
        Set<String> seen = new HashSet<>();
        for (Check check : checks) {
            if (!check.id().startsWith(labId + ".")) {
                throw new IllegalStateException("Check " + check.id() + " does not belong to " + labId);
            }
            for (String prerequisite : check.dependsOn()) {
                if (!seen.contains(prerequisite)) {
                    throw new IllegalStateException("Check " + check.id() + " depends on " + prerequisite
                            + ", which does not come before it");
                }
            }
            if (!seen.add(check.id())) {
                throw new IllegalStateException("Two checks have the id " + check.id());
            }
        }
    }
}
