package org.mllabs.runtime.search;

/**
 * A test function with a known minimum of 0 over every kind of parameter: a shifted quadratic in a uniform
 * {@code x}, a log-uniform {@code lr} and a q-uniform {@code depth}, and a choice whose {@code smooth} option nests
 * a uniform {@code y} while its {@code flat} option costs a constant 2.
 */
final class KnownFunction {

    static final SearchSpace SPACE = SearchSpace.builder()
            .uniform("x", -10, 10)
            .logUniform("lr", 1e-6, 1)
            .quniform("depth", 1, 20, 1)
            .choice("shape",
                    ChoiceOption.of("smooth", SearchSpace.builder().uniform("y", 0, 1).build()),
                    ChoiceOption.of("flat"))
            .build();

    private KnownFunction() {
    }

    /** The loss: 0 at x = 2, lr = 1e-3, depth = 7, shape = smooth, y = 0.3. */
    static double loss(Params params) {
        double x = params.getDouble("x") - 2;
        double lr = Math.log10(params.getDouble("lr")) + 3;
        double depth = params.getDouble("depth") - 7;
        double shape = params.get("shape").equals("smooth") ? 10 * Math.pow(params.getDouble("y") - 0.3, 2) : 2;
        return x * x / 4 + lr * lr + depth * depth / 20 + shape;
    }

    /** The loss as an objective's result. */
    static TrialResult evaluate(Params params) {
        return TrialResult.ok(loss(params));
    }
}
