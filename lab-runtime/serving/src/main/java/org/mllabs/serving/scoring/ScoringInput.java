package org.mllabs.serving.scoring;

/** What reading a scoring request gives: the rows for the model, or MLflow's refusal to send back as it is. */
public sealed interface ScoringInput {

    /**
     * A request MLflow accepts.
     *
     * @param input the rows for the model, its schema enforced
     * @param readByMlflow whether MLflow's own code read it ({@link MlflowInputCheck}) rather than
     *     {@link PlainRequestReader}
     */
    record Accepted(ModelInput input, boolean readByMlflow) implements ScoringInput {
    }

    /**
     * A request MLflow refuses, with MLflow's response.
     *
     * @param status the HTTP status, such as 400
     * @param contentType the response's content type: {@code application/json} for MLflow's
     *     {@code {"error_code", "message"}} body, {@code text/plain} for a content type it does not take
     * @param body the response body
     */
    record Refused(int status, String contentType, String body) implements ScoringInput {
    }
}
