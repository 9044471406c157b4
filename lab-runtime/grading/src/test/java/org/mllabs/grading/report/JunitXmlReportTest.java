package org.mllabs.grading.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlReportTest {

    private static Document junit(boolean showHidden) throws Exception {
        return SampleGrade.parseXml(new JunitXmlReport(showHidden).render(SampleGrade.grade()));
    }

    private static Element testcase(Document document, int index) {
        return (Element) document.getElementsByTagName("testcase").item(index);
    }

    @Test
    void oneSuiteNamedAfterTheLabCountsTheChecksAndCarriesLearnerAndScore() throws Exception {
        Element suite = junit(false).getDocumentElement();

        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("lab99");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getAttribute("time")).isEqualTo("1.500");
        NodeList properties = suite.getElementsByTagName("property");
        assertThat(properties.getLength()).isEqualTo(3);
        assertThat(((Element) properties.item(0)).getAttribute("value")).isEqualTo("ada");
        assertThat(((Element) properties.item(1)).getAttribute("value")).isEqualTo("10");
        assertThat(((Element) properties.item(2)).getAttribute("name")).isEqualTo("max_score");
        assertThat(((Element) properties.item(2)).getAttribute("value")).isEqualTo("100");
    }

    @Test
    void eachCheckIsATestCaseAndAFailureHoldsWhatWasFoundAndTheHint() throws Exception {
        Document document = junit(false);

        assertThat(document.getElementsByTagName("testcase").getLength()).isEqualTo(4);
        Element failed = testcase(document, 1);
        assertThat(failed.getAttribute("classname")).isEqualTo("mllabs.lab99");
        assertThat(failed.getAttribute("name")).isEqualTo("lab99.step2 tags " + SampleGrade.SPECIAL);
        assertThat(failed.getAttribute("time")).isEqualTo("0.025");
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message"))
                .isEqualTo("expected tag " + SampleGrade.SPECIAL + " = a & b, found 'c'");
        assertThat(failure.getTextContent())
                .isEqualTo(SampleGrade.FAILED_DETAIL + "\nhint: README step 2: set <b> & \"c\"");
        assertThat(testcase(document, 0).getChildNodes().getLength()).isZero();
        Element skipped = (Element) testcase(document, 2).getElementsByTagName("skipped").item(0);
        assertThat(skipped.getAttribute("message")).isEqualTo("skipped because lab99.step2 did not pass");
    }

    @Test
    void aHiddenCheckFailsWithoutSayingWhatItFoundUntilReleased() throws Exception {
        Element hidden = (Element) testcase(junit(false), 3).getElementsByTagName("failure").item(0);
        Element released = (Element) testcase(junit(true), 3).getElementsByTagName("failure").item(0);

        assertThat(hidden.getTextContent()).isEqualTo(ReportText.CONCEALED).doesNotContain(SampleGrade.HIDDEN_DETAIL);
        assertThat(released.getTextContent()).contains(SampleGrade.HIDDEN_DETAIL, SampleGrade.HIDDEN_HINT);
    }

    @Test
    void itIsWrittenWhereTestReportToolsLook(@TempDir Path dir) {
        assertThat(new JunitXmlReport(false).write(SampleGrade.grade(), ReportDirectory.create(dir)))
                .containsExactly(dir.resolve("TEST-lab99.xml"));
    }
}
