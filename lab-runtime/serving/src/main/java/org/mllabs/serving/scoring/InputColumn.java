package org.mllabs.serving.scoring;

/**
 * One column of a model's input schema, as a column spec of its {@code MLmodel} signature gives it.
 *
 * @param name the column's name, or {@code null} in a schema without names
 * @param type MLflow's type: {@code double}, {@code long}, {@code string}, ... or {@code array}, {@code object},
 *     {@code sparkml_vector}, {@code tensor}
 * @param required whether a request must have the column ({@code required}, true when the spec leaves it out)
 */
public record InputColumn(String name, String type, boolean required) {
}
