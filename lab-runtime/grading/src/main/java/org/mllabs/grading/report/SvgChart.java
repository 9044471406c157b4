package org.mllabs.grading.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;
import org.mllabs.grading.Figure;
import org.mllabs.grading.Series;

/**
 * Draws a {@link Figure} as a small standalone SVG: a title, axes with ticks and labels, a line with markers (or bars)
 * a series, and a legend. The same drawing goes into its own file or inline into an HTML page.
 */
public final class SvgChart {

    static final String NAMESPACE = "http://www.w3.org/2000/svg";

    private static final int WIDTH = 600;
    private static final int HEIGHT = 320;
    private static final int LEFT = 64;
    private static final int RIGHT = 170;
    private static final int TOP = 36;
    private static final int BOTTOM = 52;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
    private static final int TICKS = 5;
    private static final int CATEGORY_DECIMALS = 9;
    private static final List<String> COLOURS = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
            "#8c564b", "#e377c2", "#7f7f7f");

    /** The figure as an SVG document. */
    public String render(Figure figure) {
        XmlWriter xml = new XmlWriter().declaration().newline();
        write(figure, xml);
        return xml.newline().finish();
    }

    /** Writes the figure's {@code svg} element. */
    void write(Figure figure, XmlWriter xml) {
        Plot plot = Plot.of(figure);
        xml.start("svg", NAMESPACE).attribute("width", WIDTH).attribute("height", HEIGHT)
                .attribute("viewBox", "0 0 " + WIDTH + " " + HEIGHT).attribute("role", "img")
                .attribute("font-family", "sans-serif").attribute("font-size", 11)
                .element("title", figure.title());
        text(xml, WIDTH / 2.0, 20, "middle").attribute("font-size", 14).attribute("font-weight", "bold")
                .text(figure.title()).end();
        text(xml, LEFT + PLOT_WIDTH / 2.0, HEIGHT - 10, "middle").text(figure.xLabel()).end();
        text(xml, 16, TOP + PLOT_HEIGHT / 2.0, "middle")
                .attribute("transform", "rotate(-90 16 " + format(TOP + PLOT_HEIGHT / 2.0) + ")")
                .text(figure.yLabel()).end();
        axes(xml, plot);
        if (plot.categories().isEmpty()) {
            text(xml, LEFT + PLOT_WIDTH / 2.0, TOP + PLOT_HEIGHT / 2.0, "middle").text("no data").end();
        }
        for (int s = 0; s < figure.series().size(); s++) {
            Series series = figure.series().get(s);
            String colour = COLOURS.get(s % COLOURS.size());
            xml.start("g").attribute("fill", colour).attribute("stroke", colour);
            if (plot.bars()) {
                bars(xml, plot, series, s, figure.series().size());
            } else {
                line(xml, plot, series);
            }
            xml.end();
            double legendY = TOP + 8 + 18 * s;
            xml.empty("rect").attribute("x", WIDTH - RIGHT + 14).attribute("y", format(legendY - 9))
                    .attribute("width", 10).attribute("height", 10).attribute("fill", colour);
            text(xml, WIDTH - RIGHT + 30, legendY, "start").text(series.name()).end();
        }
        xml.end();
    }

    private static void axes(XmlWriter xml, Plot plot) {
        segment(xml, LEFT, TOP, LEFT, TOP + PLOT_HEIGHT);
        segment(xml, LEFT, TOP + PLOT_HEIGHT, LEFT + PLOT_WIDTH, TOP + PLOT_HEIGHT);
        for (double y : plot.ys().ticks()) {
            segment(xml, LEFT - 4, plot.py(y), LEFT, plot.py(y));
            text(xml, LEFT - 6, plot.py(y) + 4, "end").text(plot.ys().label(y)).end();
        }
        if (plot.bars()) {
            for (int i = 0; i < plot.categories().size(); i++) {
                xTick(xml, plot.px(i), label(plot.categories().get(i), CATEGORY_DECIMALS));
            }
        } else {
            for (double x : plot.xs().ticks()) {
                xTick(xml, plot.px(x), plot.xs().label(x));
            }
        }
    }

    private static void xTick(XmlWriter xml, double x, String label) {
        segment(xml, x, TOP + PLOT_HEIGHT, x, TOP + PLOT_HEIGHT + 4);
        text(xml, x, TOP + PLOT_HEIGHT + 16, "middle").text(label).end();
    }

    private static void line(XmlWriter xml, Plot plot, Series series) {
        StringBuilder points = new StringBuilder();
        for (Series.Point p : drawable(series.points())) {
            points.append(format(plot.px(p.x()))).append(',').append(format(plot.py(p.y()))).append(' ');
        }
        xml.empty("polyline").attribute("points", points.toString().strip()).attribute("fill", "none")
                .attribute("stroke-width", 1.5);
        for (Series.Point p : drawable(series.points())) {
            xml.empty("circle").attribute("cx", format(plot.px(p.x()))).attribute("cy", format(plot.py(p.y())))
                    .attribute("r", 2);
        }
    }

    /** Bars side by side in each category's slot: the {@code index}-th of {@code count} series. */
    private static void bars(XmlWriter xml, Plot plot, Series series, int index, int count) {
        double slot = PLOT_WIDTH / (double) plot.categories().size();
        double width = slot * 0.8 / count;
        for (Series.Point p : drawable(series.points())) {
            double top = plot.py(Math.max(0, p.y()));
            xml.empty("rect")
                    .attribute("x", format(plot.px(plot.categories().indexOf(p.x())) - slot * 0.4 + width * index))
                    .attribute("y", format(top)).attribute("width", format(width))
                    .attribute("height", format(plot.py(Math.min(0, p.y())) - top)).attribute("stroke", "none");
        }
    }

    /** The points that can be drawn: NaN and infinite values (which MLflow can hold) are left out. */
    private static List<Series.Point> drawable(List<Series.Point> points) {
        return points.stream().filter(p -> Double.isFinite(p.x()) && Double.isFinite(p.y())).toList();
    }

    /** Opens a {@code text} element at (x, y); its content and end follow. */
    private static XmlWriter text(XmlWriter xml, double x, double y, String anchor) {
        return xml.start("text").attribute("x", format(x)).attribute("y", format(y)).attribute("text-anchor", anchor)
                .attribute("stroke", "none");
    }

    private static void segment(XmlWriter xml, double x1, double y1, double x2, double y2) {
        xml.empty("line").attribute("x1", format(x1)).attribute("y1", format(y1)).attribute("x2", format(x2))
                .attribute("y2", format(y2)).attribute("stroke", "#333");
    }

    private static String format(double coordinate) {
        return String.format(Locale.ROOT, "%.1f", coordinate);
    }

    /** A value with at most that many decimals and no trailing zeros, such as {@code 0.001} or {@code 15}. */
    private static String label(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Where values land in the plot area. Bars put category i (the i-th distinct x) at x = i. */
    private record Plot(boolean bars, List<Double> categories, Range xs, Range ys) {

        static Plot of(Figure figure) {
            boolean bars = figure.kind() == Figure.Kind.BAR;
            List<Series.Point> points = drawable(figure.points());
            List<Double> categories = points.stream().map(Series.Point::x).distinct().sorted().toList();
            Range xs = bars ? new Range(-0.5, Math.max(1, categories.size()) - 0.5)
                    : Range.of(points.stream().mapToDouble(Series.Point::x));
            Range ys = Range.of(DoubleStream.concat(points.stream().mapToDouble(Series.Point::y),
                    bars ? DoubleStream.of(0) : DoubleStream.empty()));
            return new Plot(bars, categories, xs, ys);
        }

        double px(double x) {
            return LEFT + xs.fraction(x) * PLOT_WIDTH;
        }

        double py(double y) {
            return TOP + PLOT_HEIGHT - ys.fraction(y) * PLOT_HEIGHT;
        }
    }

    /** The values an axis spans; a single value, or none, gets a range around it. */
    private record Range(double min, double max) {

        static Range of(DoubleStream values) {
            double[] all = values.toArray();
            if (all.length == 0) {
                return new Range(0, 1);
            }
            double min = DoubleStream.of(all).min().orElseThrow();
            double max = DoubleStream.of(all).max().orElseThrow();
            double pad = min == max ? Math.max(1, Math.abs(min) * 0.1) : 0;
            return new Range(min - pad, max + pad);
        }

        /** A step of 1, 2 or 5 times a power of ten that gives about five intervals. */
        double step() {
            double raw = (max - min) / TICKS;
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            return DoubleStream.of(1, 2, 5, 10).map(m -> m * power).filter(step -> step >= raw).findFirst()
                    .orElse(10 * power);
        }

        /** Round values, multiples of the step, within the range. */
        List<Double> ticks() {
            double step = step();
            long first = (long) Math.ceil(min / step);
            long last = (long) Math.floor(max / step);
            return LongStream.rangeClosed(first, last).mapToObj(i -> i * step).toList();
        }

        /** A tick's label, with as many decimals as the step needs. */
        String label(double tick) {
            return SvgChart.label(tick, Math.max(0, (int) -Math.floor(Math.log10(step()))));
        }

        double fraction(double value) {
            return (value - min) / (max - min);
        }
    }
}
