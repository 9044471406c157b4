package org.mllabs.serving.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reading the fields of a serving API request, each wrong one refused with its name and what it takes. */
final class ApiFields {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}");

    private ApiFields() {
    }

    /** Refuses a field this object does not have, so that a misspelt one is not silently left out. */
    static void onlyKnown(JsonNode object, String what, Set<String> known) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw ServingError.invalidParameter(what + " has no field " + String.join(", ", unknown)
                    + "; its fields are " + String.join(", ", known.stream().sorted().toList()) + ".");
        }
    }

    static JsonNode object(JsonNode parent, String field, String what) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw ServingError.invalidParameter(what + " needs the field " + field + ".");
        }
        if (!node.isObject()) {
            throw ServingError.invalidParameter(what + "'s " + field + " must be an object.");
        }
        return node;
    }

    static Optional<String> text(JsonNode parent, String field, String what) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ServingError.invalidParameter(what + "'s " + field + " must be a string, not " + node + ".");
        }
        return Optional.of(node.textValue());
    }

    static String requiredText(JsonNode parent, String field, String what) {
        return text(parent, field, what).orElseThrow(() -> ServingError.invalidParameter(
                what + " needs the field " + field + "."));
    }

    static Optional<Boolean> bool(JsonNode parent, String field, String what) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw ServingError.invalidParameter(what + "'s " + field + " must be true or false, not " + node + ".");
        }
        return Optional.of(node.booleanValue());
    }

    /**
     * Checks the name of an endpoint or a served entity: letters, digits, dashes and underscores, at most 63.
     *
     * @return the name
     */
    static String name(String name, String what) {
        if (!NAME.matcher(name).matches()) {
            throw ServingError.invalidParameter(what + " '" + name + "' may only contain letters, digits, '-' and "
                    + "'_', at most 63 of them.");
        }
        return name;
    }
}
