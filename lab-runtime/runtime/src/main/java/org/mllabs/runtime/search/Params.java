package org.mllabs.runtime.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The values of one trial, by label, in the order the space was walked. Only the chosen options' nested parameters
 * are present. Numbers are {@link Double}s; a choice's value is its option's value.
 */
public final class Params {

    private final Map<String, Object> values;

    /** The values, copied in their order. */
    public Params(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Whether the label has a value in this trial (a nested parameter has one only when its option is chosen). */
    public boolean has(String label) {
        return values.containsKey(label);
    }

    /** The value of a label. */
    public Object get(String label) {
        Object value = values.get(label);
        if (value == null) {
            throw new NoSuchElementException("no parameter " + label + " in " + values);
        }
        return value;
    }

    /** A number. */
    public double getDouble(String label) {
        return ((Number) get(label)).doubleValue();
    }

    /** A number rounded to an int, such as a q-uniform depth. */
    public int getInt(String label) {
        return (int) Math.round(getDouble(label));
    }

    /** A value as text. */
    public String getString(String label) {
        return String.valueOf(get(label));
    }

    /** All values, in order. */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Params params && values.equals(params.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
