package org.mllabs.grading.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.mllabs.grading.CheckOutcome;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Visibility;

/**
 * A grade as Gradescope's autograder {@code results.json}
 * (<a href="https://gradescope-autograders.readthedocs.io/en/latest/specs/">specification</a>): the score, the
 * execution time in whole seconds, the summary as the submission's output, and one test a check, numbered by its id,
 * with status {@code passed} or {@code failed} (a skipped check fails, its output says why). A hidden check carries its
 * text with visibility {@code after_published}: Gradescope hides it until the grades are published.
 */
public final class GradescopeResults implements ReportWriter {

    /** The name Gradescope reads. */
    public static final String FILE_NAME = "results.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The JSON text. */
    public String render(GradeReport report) {
        ObjectNode root = JSON.createObjectNode()
                .put("score", report.score())
                .put("execution_time", Math.round(report.duration().toMillis() / 1000.0))
                .put("output", String.join("\n", ReportText.heading(report), ReportText.scoreLine(report),
                        String.join("\n", report.notes())).strip())
                .put("visibility", "visible")
                .put("stdout_visibility", "hidden");
        ArrayNode tests = root.putArray("tests");
        for (CheckOutcome outcome : report.outcomes()) {
            tests.addObject()
                    .put("name", outcome.check().description())
                    .put("number", outcome.check().id())
                    .put("score", outcome.earned())
                    .put("max_score", outcome.check().points())
                    .put("status", outcome.result().passed() ? "passed" : "failed")
                    .put("output", ReportText.findings(outcome))
                    .put("visibility",
                            outcome.check().visibility() == Visibility.HIDDEN ? "after_published" : "visible");
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + FILE_NAME + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Path> write(GradeReport report, ReportDirectory directory) {
        return List.of(directory.write(FILE_NAME, render(report)));
    }
}
