package org.mllabs.grading;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.MlflowCredentials;
import org.mllabs.runtime.server.MlflowServer;

/**
 * Where a grader finds a learner's work, and what it may use to check it, for one grade. What the checks read is kept
 * for the grade ({@link #evidence}), so the visible checks, the hidden ones and the figures read the server once.
 * Spark and the model loaders are the {@link GradingSession}'s: a context given a session shares them with the
 * session's other grades and leaves them open; any other context is a session of one of its own. Closing it closes
 * the MLflow client and, for a session of its own, the session.
 */
public final class GradingContext implements AutoCloseable {

    /** The seed of held-out data when no instructor has set one. */
    public static final long PRACTICE_SEED = 20_251_121L;

    private final LearnerId learner;
    private final MlflowServer server;
    private final LabMlflow mlflow;
    private final GradingSession session;
    private final boolean ownsSession;
    private final long seed;
    private final Map<Class<?>, Object> evidence = new ConcurrentHashMap<>();
    private volatile URI serving;

    /**
     * A grade that is a session of its own, around the Spark given: closing the context closes that Spark.
     *
     * @param learner whose work it is
     * @param server the MLflow server the lab logged to
     * @param mlflow the client layer on that server: tracking, registry, artifacts, models
     * @param spark Spark for checks that re-score a model, started on first use
     * @param seed the grading seed that held-out data is drawn from
     */
    public GradingContext(LearnerId learner, MlflowServer server, LabMlflow mlflow, GradingSpark spark, long seed) {
        this(learner, server, mlflow, new GradingSession(spark), true, seed);
    }

    /**
     * A grade of the session, which its caller made and closes: closing the context leaves the session open.
     *
     * @param session the Spark and model loaders shared by the session's grades
     * @see #GradingContext(LearnerId, MlflowServer, LabMlflow, GradingSpark, long)
     */
    public GradingContext(LearnerId learner, MlflowServer server, LabMlflow mlflow, GradingSession session,
                          long seed) {
        this(learner, server, mlflow, session, false, seed);
    }

    private GradingContext(LearnerId learner, MlflowServer server, LabMlflow mlflow, GradingSession session,
                           boolean ownsSession, long seed) {
        this.learner = learner;
        this.server = server;
        this.mlflow = mlflow;
        this.session = session;
        this.ownsSession = ownsSession;
        this.seed = seed;
    }

    /** A context for the learner on the server, with the public practice seed. */
    public static GradingContext of(LearnerId learner, MlflowServer server) {
        return of(learner, server, PRACTICE_SEED);
    }

    /** A context for the learner on the server, drawing held-out data from the seed. */
    public static GradingContext of(LearnerId learner, MlflowServer server, long seed) {
        return of(learner, server, seed, Optional.empty());
    }

    /**
     * A context for the learner on the server, drawing held-out data from the seed, reading as the given user: on a
     * shared server, the learner grading their own work or the admin.
     */
    public static GradingContext of(LearnerId learner, MlflowServer server, long seed,
                                    Optional<MlflowCredentials> credentials) {
        return new GradingContext(learner, server, LabMlflow.open(server.trackingUri(), credentials),
                new GradingSpark(), seed);
    }

    /**
     * A context for the learner on the server, one grade of the session (which stays open when the context closes),
     * drawing held-out data from the seed, reading as the given user.
     */
    public static GradingContext of(LearnerId learner, MlflowServer server, long seed,
                                    Optional<MlflowCredentials> credentials, GradingSession session) {
        return new GradingContext(learner, server, LabMlflow.open(server.trackingUri(), credentials), session, seed);
    }

    /** Whose work it is. */
    public LearnerId learner() {
        return learner;
    }

    /** The MLflow server the lab logged to. */
    public MlflowServer server() {
        return server;
    }

    /** The client layer on that server: tracking, registry, artifacts, models. */
    public LabMlflow mlflow() {
        return mlflow;
    }

    /** Spark for checks that re-score a model, started on first use. */
    public GradingSpark spark() {
        return session.spark();
    }

    /** The threads that load models in the background, shared by the grades of the session. */
    public ModelLoaders modelLoaders() {
        return session.modelLoaders();
    }

    /**
     * Says where the model serving service answers, for labs that need it ({@code services: [serving]}).
     *
     * @return this context
     */
    public GradingContext servingAt(URI uri) {
        this.serving = uri;
        return this;
    }

    /** Where the model serving service answers, if the grade was given one ({@link #servingAt}). */
    public Optional<URI> serving() {
        return Optional.ofNullable(serving);
    }

    /** The grading seed that held-out data is drawn from. */
    public long seed() {
        return seed;
    }

    /** The experiment the learner's runs of a lab belong in. */
    public String experimentName(String labId) {
        return learner.experimentName(labId);
    }

    /**
     * What a grader reads of the learner's work, made once per grade by {@code read} and shared by every check,
     * hidden check and figure that asks for the same type. {@code read} may ask for other evidence (a lab's reading
     * is made from the grade's {@code LearnerRuns}); should two threads make the same type at once, both get the
     * first one stored.
     */
    public <T> T evidence(Class<T> type, Supplier<T> read) {
        Object existing = evidence.get(type);
        if (existing != null) {
            return type.cast(existing);
        }
        // made outside the map: a computeIfAbsent would refuse the nested request as a recursive update
        T made = read.get();
        Object stored = evidence.putIfAbsent(type, made);
        return type.cast(stored == null ? made : stored);
    }

    @Override
    public void close() {
        mlflow.close();
        if (ownsSession) {
            session.close();
        }
    }
}
