package org.mllabs.grading;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.Set;
import org.mlflow.tracking.MlflowHttpException;
import org.mllabs.runtime.mlflow.MlflowApiException;
import org.mllabs.runtime.server.MlflowHealth;
import org.mllabs.runtime.server.MlflowServerException;
import org.mllabs.runtime.serving.ServingApiException;

/**
 * Tells a check that failed because of the grading environment from one that failed because of the learner's work.
 * The environment failed when the MLflow server could not be reached or answered that it is unavailable (HTTP 502,
 * 503 or 504), or the model serving service could not be reached or was unavailable, or when, after any other
 * exception, the server no longer answers. Anything else (a missing run, a model that does not load, HTTP 500 from a
 * server that still answers) is the learner's work as the check found it.
 */
final class EnvironmentFailure {

    private static final Set<Integer> UNAVAILABLE = Set.of(502, 503, 504);

    private EnvironmentFailure() {
    }

    /**
     * What failed, when it was the environment; empty when the exception is the learner's work's doing.
     *
     * @param thrown what a check threw
     * @param trackingUri the server the learner's work is on, asked whether it still answers
     */
    static Optional<String> of(Throwable thrown, URI trackingUri) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof MlflowServerException || cause instanceof ConnectException
                    || cause instanceof HttpTimeoutException) {
                return Optional.of("the MLflow server at " + trackingUri + " could not be reached: "
                        + cause.getMessage());
            }
            if (cause instanceof ServingApiException serving && serving.unreachable()) {
                return Optional.of("the model serving service could not be reached: " + cause.getMessage());
            }
            if (cause instanceof MlflowApiException api && UNAVAILABLE.contains(api.status())
                    || cause instanceof MlflowHttpException http && UNAVAILABLE.contains(http.getStatusCode())) {
                return Optional.of("the MLflow server at " + trackingUri + " is unavailable: " + cause.getMessage());
            }
        }
        return MlflowHealth.problem(trackingUri).map(problem -> "the MLflow server at " + trackingUri
                + " stopped answering (" + problem + ") while checking: " + thrown);
    }
}
