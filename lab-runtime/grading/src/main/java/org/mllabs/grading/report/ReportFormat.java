package org.mllabs.grading.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats a grade can be written in, by the names the command line uses. */
public enum ReportFormat {
    /** Gradescope's autograder {@code results.json}. */
    JSON,
    /** JUnit XML, for CI servers. */
    JUNIT,
    /** Markdown with an SVG file a figure. */
    MARKDOWN,
    /** One self-contained HTML page. */
    HTML;

    /** The format's name on the command line, such as {@code junit}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format's writer.
     *
     * @param showHidden whether hidden checks show what they found (Gradescope's file always does)
     */
    public ReportWriter writer(boolean showHidden) {
        return switch (this) {
            case JSON -> new GradescopeResults();
            case JUNIT -> new JunitXmlReport(showHidden);
            case MARKDOWN -> new MarkdownReport(showHidden);
            case HTML -> new HtmlReport(showHidden);
        };
    }

    /**
     * The format of that name, in any case.
     *
     * @throws IllegalArgumentException naming the formats there are
     */
    public static ReportFormat named(String name) {
        return Arrays.stream(values()).filter(f -> f.optionName().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("There is no report format \"" + name + "\" (formats: "
                        + Arrays.stream(values()).map(ReportFormat::optionName).collect(Collectors.joining(", "))
                        + ")."));
    }
}
