package org.mllabs.graders.lab04;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One candidate of the lab's grid: a value of the logistic regression's {@code regParam} and one of its
 * {@code elasticNetParam}.
 *
 * @param regParam the regularisation strength
 * @param elasticNetParam the share of L1 in the penalty, 0 for ridge and 1 for lasso
 */
record GridPoint(double regParam, double elasticNetParam) {

    static final String REG_PARAM = "regParam";
    static final String ELASTIC_NET_PARAM = "elasticNetParam";

    /** Sorts points by regParam, then elasticNetParam. */
    static final Comparator<GridPoint> ORDER = Comparator.comparingDouble(GridPoint::regParam)
            .thenComparingDouble(GridPoint::elasticNetParam);

    /** Every pair of the values: the grid a {@code ParamGridBuilder} builds from them. */
    static List<GridPoint> product(List<Double> regParams, List<Double> elasticNetParams) {
        List<GridPoint> points = new ArrayList<>();
        for (double regParam : regParams) {
            for (double elasticNetParam : elasticNetParams) {
                points.add(new GridPoint(regParam, elasticNetParam));
            }
        }
        return points;
    }

    /**
     * The point that run params name: {@code <prefix>regParam} and {@code <prefix>elasticNetParam}; empty when either
     * is missing or not a number.
     */
    static Optional<GridPoint> fromParams(Map<String, String> params, String prefix) {
        Optional<Double> regParam = number(params.get(prefix + REG_PARAM));
        Optional<Double> elasticNetParam = number(params.get(prefix + ELASTIC_NET_PARAM));
        return regParam.isPresent() && elasticNetParam.isPresent()
                ? Optional.of(new GridPoint(regParam.get(), elasticNetParam.get()))
                : Optional.empty();
    }

    /**
     * The point a JSON object names, {@code {"regParam": 0.01, "elasticNetParam": 0.0}}; empty without both numbers.
     */
    static Optional<GridPoint> fromJson(JsonNode point) {
        JsonNode regParam = point.path(REG_PARAM);
        JsonNode elasticNetParam = point.path(ELASTIC_NET_PARAM);
        return regParam.isNumber() && elasticNetParam.isNumber()
                ? Optional.of(new GridPoint(regParam.doubleValue(), elasticNetParam.doubleValue()))
                : Optional.empty();
    }

    /**
     * How {@code found} differs from {@code expected}, counting repeats: "missing [...]" and "unexpected [...]"
     * (a point found twice where it is expected once is unexpected once); empty when they hold the same points.
     */
    static Optional<String> difference(List<GridPoint> expected, List<GridPoint> found) {
        Map<GridPoint, Integer> surplus = new HashMap<>();
        found.forEach(point -> surplus.merge(point, 1, Integer::sum));
        expected.forEach(point -> surplus.merge(point, -1, Integer::sum));
        List<GridPoint> missing = new ArrayList<>();
        List<GridPoint> unexpected = new ArrayList<>();
        surplus.forEach((point, count) -> {
            for (int i = 0; i < Math.abs(count); i++) {
                (count < 0 ? missing : unexpected).add(point);
            }
        });
        missing.sort(ORDER);
        unexpected.sort(ORDER);
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing " + missing);
        }
        if (!unexpected.isEmpty()) {
            parts.add("unexpected " + unexpected);
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    /** The number a param's text holds; empty when there is none. */
    static Optional<Double> number(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "(" + REG_PARAM + "=" + regParam + ", " + ELASTIC_NET_PARAM + "=" + elasticNetParam + ")";
    }
}
