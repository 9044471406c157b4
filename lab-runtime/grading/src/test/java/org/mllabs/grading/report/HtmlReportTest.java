package org.mllabs.grading.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest {

    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    private final String html = new HtmlReport(false).render(SampleGrade.grade());

    private static List<Element> elements(Document document, String namespace, String name) {
        NodeList nodes = document.getElementsByTagNameNS(namespace, name);
        return IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).toList();
    }

    private static List<String> cells(Element row) {
        NodeList cells = row.getElementsByTagName("td");
        return IntStream.range(0, cells.getLength()).mapToObj(i -> cells.item(i).getTextContent()).toList();
    }

    @Test
    void itIsWellFormedXhtmlWithTheLabLearnerScoreAndScoreBar() throws Exception {
        Document document = SampleGrade.parseXml(html);

        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html.replaceAll("(?s)<svg.*?</svg>", "")).as("HTML reads <div/> as an opening tag")
                .doesNotContainPattern("<(?!meta )[a-z]+[^>]*/>");
        assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo(XHTML);
        assertThat(elements(document, XHTML, "h1").get(0).getTextContent()).isEqualTo("Grade of lab99 for ada");
        assertThat(elements(document, XHTML, "p").get(0).getTextContent())
                .isEqualTo("Failed 3 of 4 checks. Score: 10/100");
        assertThat(elements(document, XHTML, "div")).anySatisfy(div -> assertThat(div.getAttribute("style"))
                .isEqualTo("width: 10.0%"));
    }

    @Test
    void eachCheckIsARowWithAColouredStatusWhatWasFoundAndTheHint() throws Exception {
        List<Element> rows = elements(SampleGrade.parseXml(html), XHTML, "tr").subList(1, 5);

        assertThat(cells(rows.get(0))).containsExactly("lab99.step1", "experiment exists", "passed", "10/10",
                "experiment /mllabs/ada/lab99 " + SampleGrade.SPECIAL, "");
        assertThat(cells(rows.get(1))).containsExactly("lab99.step2", "tags " + SampleGrade.SPECIAL, "failed", "0/20",
                SampleGrade.FAILED_DETAIL, "README step 2: set <b> & \"c\"");
        assertThat(((Element) rows.get(1).getElementsByTagName("td").item(2)).getAttribute("class"))
                .isEqualTo("failed");
        assertThat(cells(rows.get(2)).get(2)).isEqualTo("skipped");
    }

    @Test
    void aHiddenCheckShowsItsIdAndPointsButNotWhatItFoundUntilReleased() throws Exception {
        List<Element> rows = elements(SampleGrade.parseXml(html), XHTML, "tr");

        assertThat(cells(rows.get(4))).containsExactly("lab99.step4", "hidden check", "hidden", "0/40",
                ReportText.CONCEALED, "");
        assertThat(html).doesNotContain(SampleGrade.HIDDEN_DETAIL, SampleGrade.HIDDEN_HINT);
        assertThat(new HtmlReport(true).render(SampleGrade.grade()))
                .contains(SampleGrade.HIDDEN_DETAIL, SampleGrade.HIDDEN_HINT);
    }

    @Test
    void figuresAreInlineSvgAndThePageNeedsNothingElse(@TempDir Path dir) throws Exception {
        Document document = SampleGrade.parseXml(html);

        assertThat(elements(document, SvgChart.NAMESPACE, "svg")).hasSize(1);
        assertThat(elements(document, SvgChart.NAMESPACE, "polyline")).hasSize(2);
        assertThat(elements(document, XHTML, "li").get(0).getTextContent()).isEqualTo("a note & more");
        assertThat(html).doesNotContain("<script", "src=", "href=", "<link");
        assertThat(new HtmlReport(false).write(SampleGrade.grade(), ReportDirectory.create(dir)))
                .containsExactly(dir.resolve("report.html"));
    }
}
