package org.mllabs.runtime.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One operation the runtime saw refused, as {@link RefusalAudit} writes it: a JSON object with the fields below.
 *
 * @param operation what was attempted, such as {@value AuditedDeltaWriter#APPEND} or
 *     {@value AuditedCatalogRegistry#CREATE_MODEL}
 * @param target what it was attempted on: a table path, a registered model name
 * @param time when the refusal was caught, by the lab JVM's clock
 * @param exceptionClass the class of the exception that refused it
 * @param message that exception's message
 * @param details what else the wrapper knew, such as the table's version or the refused batch's columns
 */
public record RefusedOperation(String operation, String target, Instant time, String exceptionClass, String message,
                               Map<String, String> details) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the details. */
    public RefusedOperation {
        details = Map.copyOf(details);
    }

    /** A detail, or empty when the wrapper recorded none under the key. */
    public Optional<String> detail(String key) {
        return Optional.ofNullable(details.get(key));
    }

    /** The entry as the JSON the audit writes. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode()
                .put("operation", operation)
                .put("target", target)
                .put("time", time.toString())
                .put("exception_class", exceptionClass)
                .put("message", message);
        ObjectNode detailNode = node.putObject("details");
        new TreeMap<>(details).forEach(detailNode::put);
        return node.toString();
    }

    /**
     * Reads an entry the audit wrote.
     *
     * @return empty when the text is not such an entry (not JSON, a field missing, a time that is not an instant)
     */
    public static Optional<RefusedOperation> fromJson(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            for (String field : new String[] {"operation", "target", "time", "exception_class", "message"}) {
                if (!node.path(field).isTextual()) {
                    return Optional.empty();
                }
            }
            Map<String, String> details = new LinkedHashMap<>();
            node.path("details").fields().forEachRemaining(e -> details.put(e.getKey(), e.getValue().asText()));
            return Optional.of(new RefusedOperation(node.path("operation").asText(), node.path("target").asText(),
                    Instant.parse(node.path("time").asText()), node.path("exception_class").asText(),
                    node.path("message").asText(), details));
        } catch (JsonProcessingException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
