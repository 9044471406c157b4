package org.mllabs.grading.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mllabs.grading.Figure;
import org.mllabs.grading.Series;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartTest {

    private static Document svg(Figure figure) throws Exception {
        return SampleGrade.parseXml(new SvgChart().render(figure));
    }

    private static List<String> texts(Document document) {
        NodeList texts = document.getElementsByTagName("text");
        return IntStream.range(0, texts.getLength()).mapToObj(i -> texts.item(i).getTextContent()).toList();
    }

    @Test
    void aLineChartHasAPolylineAMarkerAPointAndALegendEntryASeries() throws Exception {
        Document document = svg(SampleGrade.lossFigure());
        Element root = document.getDocumentElement();

        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo(SvgChart.NAMESPACE);
        NodeList lines = document.getElementsByTagName("polyline");
        assertThat(lines.getLength()).isEqualTo(2);
        assertThat(((Element) lines.item(0)).getAttribute("points").split(" ")).hasSize(3);
        assertThat(((Element) lines.item(1)).getAttribute("points").split(" ")).hasSize(2);
        assertThat(document.getElementsByTagName("circle").getLength()).isEqualTo(5);
        assertThat(texts(document)).contains("train_loss by step", "step", "train_loss " + SampleGrade.SPECIAL,
                "run <a>", "run & \"b\"");
    }

    @Test
    void ticksAreRoundNumbersWithinTheData() throws Exception {
        List<String> labels = texts(svg(SampleGrade.lossFigure()));

        assertThat(labels).contains("0", "0.5", "1", "1.5", "2", "0.4", "0.6", "0.8")
                .doesNotContain("0.3", "0.9", "1.60");
    }

    @Test
    void aBarChartHasOneBarAPointBesidesTheLegendsSwatches() throws Exception {
        Figure bars = new Figure("AUC by candidate", "reg_param", "test_auc", Figure.Kind.BAR, List.of(
                new Series("test", List.of(new Series.Point(0.001, 0.81), new Series.Point(0.01, 0.83),
                        new Series.Point(0.1, 0.79)))));

        Document document = svg(bars);

        assertThat(document.getElementsByTagName("rect").getLength()).isEqualTo(3 + 1);
        assertThat(document.getElementsByTagName("polyline").getLength()).isZero();
        assertThat(texts(document)).contains("0.001", "0.01", "0.1", "0");
    }

    @Test
    void aFigureWithNothingDrawableSaysSoAndStaysValid() throws Exception {
        Figure empty = new Figure("nothing", "x", "y", Figure.Kind.LINE,
                List.of(new Series("nan", List.of(new Series.Point(0, Double.NaN)))));

        Document document = svg(empty);

        assertThat(texts(document)).contains("no data");
        assertThat(((Element) document.getElementsByTagName("polyline").item(0)).getAttribute("points")).isEmpty();
    }
}
