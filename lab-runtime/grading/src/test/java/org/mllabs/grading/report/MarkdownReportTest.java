package org.mllabs.grading.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

    private final String markdown = new MarkdownReport(false).render(SampleGrade.grade());

    private List<String> tableRows() {
        return markdown.lines().filter(line -> line.startsWith("| lab99.")).toList();
    }

    @Test
    void aTableRowACheckWithStatusPointsAndFindings() {
        assertThat(markdown).startsWith("# Grade of lab99 for ada\n")
                .contains("**Failed 3 of 4 checks. Score: 10/100**",
                        "| Check | Status | Points | Observation / hint |");
        assertThat(tableRows()).hasSize(4);
        assertThat(tableRows().get(0)).contains("| passed | 10/10 |");
        assertThat(tableRows().get(1)).contains("| failed | 0/20 |", "second line", "hint: README step 2");
        assertThat(tableRows().get(2)).contains("| skipped | 0/30 | skipped because lab99.step2 did not pass |");
    }

    @Test
    void textFromTheWorkIsEscapedSoItCannotBreakTheTableOrBecomeMarkup() {
        String failedRow = tableRows().get(1);

        assertThat(failedRow).contains("\\<\\&\"'\\>", "found 'c'<br>second line", "set \\<b\\> \\& \"c\"");
        assertThat(failedRow.split("(?<!\\\\)\\|")).hasSize(5);
        assertThat(MarkdownReport.escape("a|b *c* [d](e) `f` _g_ #h")).isEqualTo(
                "a\\|b \\*c\\* \\[d\\](e) \\`f\\` \\_g\\_ \\#h");
    }

    @Test
    void aHiddenCheckShowsItsIdAndPointsButNotWhatItFoundUntilReleased() {
        assertThat(tableRows().get(3)).contains("lab99.step4", "| hidden | 0/40 |", ReportText.CONCEALED);
        assertThat(markdown).doesNotContain(SampleGrade.HIDDEN_DETAIL, SampleGrade.HIDDEN_HINT);
        assertThat(new MarkdownReport(true).render(SampleGrade.grade()))
                .contains("| failed | 0/40 | " + SampleGrade.HIDDEN_DETAIL + "<br>hint: " + SampleGrade.HIDDEN_HINT);
    }

    @Test
    void eachFigureIsAnSvgFileNextToTheReportAndLinkedFromIt(@TempDir Path dir) throws Exception {
        List<Path> written = new MarkdownReport(false).write(SampleGrade.grade(), ReportDirectory.create(dir));

        assertThat(written).containsExactly(dir.resolve("report.md"), dir.resolve("figure-1.svg"));
        assertThat(Files.readString(written.get(0)))
                .contains("![train\\_loss by step](figure-1.svg)", "- a note \\& more");
        assertThat(SampleGrade.parseXml(Files.readString(written.get(1))).getElementsByTagName("polyline").getLength())
                .isEqualTo(2);
    }
}
