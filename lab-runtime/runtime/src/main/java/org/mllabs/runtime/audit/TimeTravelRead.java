package org.mllabs.runtime.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One time-travel read of a Delta table the runtime carried out, as {@link ReadAudit} writes it: a JSON object with the
 * fields below.
 *
 * @param target the table's path
 * @param time when the read was resolved, by the lab JVM's clock
 * @param option how the version was asked for: {@value AuditedDeltaReader#VERSION_AS_OF} or
 *     {@value AuditedDeltaReader#TIMESTAMP_AS_OF}
 * @param requested the value asked for: a version, or a timestamp as Spark parses it
 * @param version the version of the table the read resolved to
 */
public record TimeTravelRead(String target, Instant time, String option, String requested, long version) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The entry as the JSON the audit writes. */
    public String toJson() {
        return JSON.createObjectNode()
                .put("target", target)
                .put("time", time.toString())
                .put("option", option)
                .put("requested", requested)
                .put("version", version)
                .toString();
    }

    /**
     * Reads an entry the audit wrote.
     *
     * @return empty when the text is not such an entry (not JSON, a field missing, a time that is not an instant, a
     *     version that is not a whole number)
     */
    public static Optional<TimeTravelRead> fromJson(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject() || !node.path("version").canConvertToExactIntegral()) {
                return Optional.empty();
            }
            for (String field : new String[] {"target", "time", "option", "requested"}) {
                if (!node.path(field).isTextual()) {
                    return Optional.empty();
                }
            }
            return Optional.of(new TimeTravelRead(node.path("target").asText(), Instant.parse(node.path("time")
                    .asText()), node.path("option").asText(), node.path("requested").asText(),
                    node.path("version").asLong()));
        } catch (JsonProcessingException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
