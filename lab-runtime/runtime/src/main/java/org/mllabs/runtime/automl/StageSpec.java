package org.mllabs.runtime.automl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One MLlib stage (an estimator, a transformer or an evaluator) as a class name and the setters called on a new
 * instance, in order. The same specification {@link #build() builds} the stage an AutoML trial fits and
 * {@link #source() renders} the Java expression its generated source holds, so the two cannot differ.
 *
 * <p>Setter values are {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, {@code String} or
 * {@code String[]}, matched to the setter's {@code int}, {@code long}, {@code double}, {@code boolean},
 * {@code String} or {@code String[]} parameter.
 *
 * @param className the stage's class, such as {@code org.apache.spark.ml.classification.RandomForestClassifier}
 * @param setters setter names and their values, in call order
 */
record StageSpec(String className, Map<String, Object> setters) {

    /** Copies the setters in order. */
    StageSpec {
        setters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(setters));
    }

    /** A stage with no setter called. */
    static StageSpec of(String className) {
        return new StageSpec(className, Map.of());
    }

    /** The same stage with one more setter call. */
    StageSpec with(String setter, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(setters);
        more.put(setter, value);
        return new StageSpec(className, more);
    }

    /** The class's simple name, as the generated source imports it. */
    String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** A new instance with every setter called. */
    Object build() {
        try {
            Class<?> type = Class.forName(className);
            Object stage = type.getConstructor().newInstance();
            for (Map.Entry<String, Object> setter : setters.entrySet()) {
                Method method = type.getMethod(setter.getKey(), parameterType(setter.getValue()));
                method.invoke(stage, setter.getValue());
            }
            return stage;
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException target ? target.getCause() : e;
            throw new IllegalStateException("Cannot build " + source() + ": " + cause, cause);
        }
    }

    /**
     * The Java expression that builds the stage, one setter a line after the first, each continuation line
     * indented by {@code indent}.
     */
    String source(String indent) {
        StringBuilder code = new StringBuilder("new ").append(simpleName()).append("()");
        setters.forEach((setter, value) -> code.append('\n').append(indent).append('.').append(setter).append('(')
                .append(literal(value)).append(')'));
        return code.toString();
    }

    /** The Java expression on one line. */
    String source() {
        return source("").replace("\n", "");
    }

    /** A value as a Java literal. */
    static String literal(Object value) {
        if (value instanceof String text) {
            return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (value instanceof String[] texts) {
            return java.util.Arrays.stream(texts).map(StageSpec::literal)
                    .collect(Collectors.joining(", ", "new String[] {", "}"));
        }
        if (value instanceof Long number) {
            return number + "L";
        }
        if (value instanceof Double number) {
            return Double.toString(number);
        }
        if (value instanceof Integer || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new IllegalArgumentException("No literal for " + value + " (" + value.getClass() + ")");
    }

    private static Class<?> parameterType(Object value) {
        if (value instanceof Integer) {
            return int.class;
        }
        if (value instanceof Long) {
            return long.class;
        }
        if (value instanceof Double) {
            return double.class;
        }
        if (value instanceof Boolean) {
            return boolean.class;
        }
        if (value instanceof String || value instanceof String[]) {
            return value.getClass();
        }
        throw new IllegalArgumentException("Unsupported setter value " + value + " of " + value.getClass()
                .getSimpleName().toLowerCase(Locale.ROOT));
    }
}
