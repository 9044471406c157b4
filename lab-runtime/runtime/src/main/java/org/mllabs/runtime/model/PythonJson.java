package org.mllabs.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON the way Python's {@code json.dumps} does by default, which is how MLflow writes a signature's column
 * specs: {@code ", "} between items, {@code ": "} after keys, non-ASCII characters escaped as {@code \\uXXXX}.
 */
public final class PythonJson {

    private PythonJson() {
    }

    /** A JSON node in {@code json.dumps} form. */
    public static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        append(node, out);
        return out.toString();
    }

    private static void append(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                appendString(field.getKey(), out);
                out.append(": ");
                append(field.getValue(), out);
                if (fields.hasNext()) {
                    out.append(", ");
                }
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                append(node.get(i), out);
            }
            out.append(']');
        } else if (node instanceof TextNode text) {
            appendString(text.textValue(), out);
        } else {
            out.append(node.toString());
        }
    }

    private static void appendString(String value, StringBuilder out) {
        out.append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
