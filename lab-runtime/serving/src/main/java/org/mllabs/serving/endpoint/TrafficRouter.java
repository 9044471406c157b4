package org.mllabs.serving.endpoint;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Picks the served entity that answers each request, by the routes' percentages, from a seeded random sequence: the
 * same config version of the same endpoint routes the same sequence of requests the same way.
 */
final class TrafficRouter {

    private final List<TrafficRoute> routes;
    private final SplittableRandom random;

    /**
     * @param routes the shares, summing to 100
     * @param seed the sequence's seed
     */
    TrafficRouter(List<TrafficRoute> routes, long seed) {
        this.routes = List.copyOf(routes);
        this.random = new SplittableRandom(seed);
    }

    /** The served entity for the next request. */
    synchronized String next() {
        int draw = random.nextInt(100);
        int cumulative = 0;
        for (TrafficRoute route : routes) {
            cumulative += route.trafficPercentage();
            if (draw < cumulative) {
                return route.servedEntityName();
            }
        }
        throw new IllegalStateException("Routes summing to " + cumulative + " instead of 100: " + routes);
    }
}
