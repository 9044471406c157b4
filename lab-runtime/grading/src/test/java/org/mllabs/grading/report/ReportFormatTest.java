package org.mllabs.grading.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportFormatTest {

    @Test
    void formatsAreNamedInAnyCaseAndAnUnknownNameListsTheFormats() {
        assertThat(ReportFormat.named(" JUnit")).isEqualTo(ReportFormat.JUNIT);
        assertThat(ReportFormat.JSON.writer(false)).isInstanceOf(GradescopeResults.class);
        assertThat(ReportFormat.HTML.writer(true)).isInstanceOf(HtmlReport.class);
        assertThatThrownBy(() -> ReportFormat.named("pdf"))
                .hasMessage("There is no report format \"pdf\" (formats: json, junit, markdown, html).");
    }
}
