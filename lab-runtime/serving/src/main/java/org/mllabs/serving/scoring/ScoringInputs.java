package org.mllabs.serving.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads scoring requests as MLflow's scoring server does: the plain ones in Java ({@link PlainRequestReader}), every
 * other one, refusals included, by MLflow's own code ({@link MlflowInputCheck}). Either way the model gets the rows
 * MLflow would hand it and a refused request gets MLflow's answer.
 */
public final class ScoringInputs implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final MlflowInputCheck mlflow;

    /** Reads with this check for what Java does not read itself. */
    public ScoringInputs(MlflowInputCheck mlflow) {
        this.mlflow = mlflow;
    }

    /**
     * Reads one request.
     *
     * @param schema the model's input schema, or empty for a model logged without a signature (whose requests MLflow
     *     reads without enforcing one)
     * @param body the request body
     * @param contentType its {@code Content-Type} header
     * @throws InputCheckUnavailable when MLflow's reading was needed and could not be had
     */
    public ScoringInput read(Optional<InputSchema> schema, byte[] body, String contentType)
            throws InputCheckUnavailable {
        if (schema.isPresent() && plainJson(contentType)) {
            Optional<ModelInput> plain = parse(body).flatMap(request -> PlainRequestReader.read(request,
                    schema.get()));
            if (plain.isPresent()) {
                return new ScoringInput.Accepted(plain.get(), false);
            }
        }
        return mlflow.read(schema, body, contentType == null ? "" : contentType);
    }

    private static boolean plainJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.replace(" ", "").equals("application/json;charset=utf-8");
    }

    /**
     * The body as a JSON object, if it is strict UTF-8 text that starts with one: Python's {@code json.loads} also
     * reads UTF-16 and UTF-32 and refuses a byte order mark, which are left to MLflow.
     */
    private static Optional<JsonNode> parse(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            if (!text.stripLeading().startsWith("{")) {
                return Optional.empty();
            }
            return Optional.ofNullable(JSON.readTree(text));
        } catch (CharacterCodingException | JsonProcessingException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        mlflow.close();
    }
}
