/**
 * A grade written for people and tools other than the terminal.
 *
 * <p>Each {@link org.mllabs.grading.report.ReportFormat} names a {@link org.mllabs.grading.report.ReportWriter}:
 * {@link org.mllabs.grading.report.GradescopeResults} (Gradescope's {@code results.json}),
 * {@link org.mllabs.grading.report.JunitXmlReport} (JUnit XML for CI),
 * {@link org.mllabs.grading.report.MarkdownReport} (Markdown with one SVG file a figure) and
 * {@link org.mllabs.grading.report.HtmlReport} (one self-contained page). {@link org.mllabs.grading.report.SvgChart}
 * draws a grader's {@link org.mllabs.grading.Figure}s. All of them write into a
 * {@link org.mllabs.grading.report.ReportDirectory}. Hidden checks show their id and points but not what they found
 * unless the report releases them; Gradescope's file always carries the text and lets Gradescope hide it.
 */
package org.mllabs.grading.report;
