package org.mllabs.grading;

import java.util.List;

/**
 * A chart a grader draws from the learner's work, such as a metric's curve per run, for the reports that can show it.
 *
 * @param title what it shows
 * @param xLabel the horizontal axis
 * @param yLabel the vertical axis
 * @param kind lines or bars
 * @param series the named series of points, one line (or one colour of bars) each
 */
public record Figure(String title, String xLabel, String yLabel, Kind kind, List<Series> series) {

    /** How the points are drawn. */
    public enum Kind {
        /** Each series a line through its points, in order of x. */
        LINE,
        /** Each point a bar from zero, the series side by side at each x. */
        BAR
    }

    public Figure {
        series = List.copyOf(series);
    }

    /** Every point of every series. */
    public List<Series.Point> points() {
        return series.stream().flatMap(s -> s.points().stream()).toList();
    }
}
