package org.mllabs.grading;

import java.util.List;

/**
 * One named series of a {@link Figure}, such as one run's metric history.
 *
 * @param name what the legend calls it
 * @param points its points, in the order to draw them
 */
public record Series(String name, List<Point> points) {

    /**
     * One point.
     *
     * @param x the horizontal value, such as a step
     * @param y the vertical value, such as a metric
     */
    public record Point(double x, double y) {
    }

    public Series {
        points = List.copyOf(points);
    }
}
