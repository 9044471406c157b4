package org.mllabs.grading.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.mllabs.grading.Check;
import org.mllabs.grading.CheckOutcome;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Figure;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Series;
import org.w3c.dom.Document;

/** A hand-made grade with every kind of outcome and text that needs escaping, and a parser for the XML formats. */
final class SampleGrade {

    static final String SPECIAL = "<&\"'>";
    static final String FAILED_DETAIL = "expected tag " + SPECIAL + " = a & b, found 'c'\nsecond line";
    static final String HIDDEN_DETAIL = "secret finding";
    static final String HIDDEN_HINT = "secret hint";

    private SampleGrade() {
    }

    static CheckOutcome passed() {
        return outcome(Check.of("lab99.step1", 10, "experiment exists", "README step 1", null),
                CheckResult.passed("experiment /mllabs/ada/lab99 " + SPECIAL));
    }

    static CheckOutcome failed() {
        return outcome(Check.of("lab99.step2", 20, "tags " + SPECIAL, "README step 2: set <b> & \"c\"", null),
                CheckResult.failed(FAILED_DETAIL));
    }

    static CheckOutcome skipped() {
        return outcome(Check.of("lab99.step3", 30, "nested runs", "README step 3", null).dependsOn("lab99.step2"),
                CheckResult.skipped("skipped because lab99.step2 did not pass"));
    }

    static CheckOutcome hiddenFailed() {
        return outcome(Check.of("lab99.step4", 40, "hidden check", HIDDEN_HINT, null).hidden(),
                CheckResult.failed(HIDDEN_DETAIL));
    }

    static Figure lossFigure() {
        return new Figure("train_loss by step", "step", "train_loss " + SPECIAL, Figure.Kind.LINE, List.of(
                new Series("run <a>", List.of(new Series.Point(0, 0.9), new Series.Point(1, 0.5),
                        new Series.Point(2, 0.3))),
                new Series("run & \"b\"", List.of(new Series.Point(0, 0.8), new Series.Point(1, 0.6)))));
    }

    /** 10 of 100 points: one check passed, one failed, one skipped, one hidden and failed; one figure, one note. */
    static GradeReport grade() {
        return new GradeReport("lab99", "ada", List.of(passed(), failed(), skipped(), hiddenFailed()),
                Duration.ofMillis(1500), List.of(lossFigure()), List.of("a note & more"));
    }

    static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static CheckOutcome outcome(Check check, CheckResult result) {
        return new CheckOutcome(check, result, Duration.ofMillis(25));
    }
}
