package org.mllabs.serving.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The serving endpoints of one serving process, managed as Databricks manages them: a create or update-config request
 * is checked at once (fields, traffic, that each model version exists) and answered with the endpoint, its new config
 * pending; the served entities then load in the background. Until its first config is ready an endpoint is
 * {@code NOT_READY}; while a new one loads the old one goes on serving ({@code config_update} {@code IN_PROGRESS}),
 * and another update is refused; a config whose entity fails to load leaves the old one serving
 * ({@code UPDATE_FAILED}). Every change is written to the {@link EndpointStore} before it is answered; a process that
 * opens the store again loads each endpoint's served config again ({@code NOT_READY} until it has), and fails an
 * update it had not finished.
 */
public final class Endpoints implements AutoCloseable {

    /** How long a served entity that scales to zero waits without requests before it unloads, as on Databricks. */
    public static final Duration SCALE_TO_ZERO_AFTER = Duration.ofMinutes(30);

    private static final Set<String> CREATE_FIELDS = Set.of("name", "config", "route_optimized");

    private final EndpointStore store;
    private final EntityLoader loader;
    private final Clock clock;
    private final Duration scaleToZeroAfter;
    private final ExecutorService loads;
    private final ScheduledExecutorService janitor;
    private final Map<String, Endpoint> endpoints = new TreeMap<>();
    private boolean closed;

    private Endpoints(EndpointStore store, EntityLoader loader, Clock clock, Duration scaleToZeroAfter) {
        this.store = store;
        this.loader = loader;
        this.clock = clock;
        this.scaleToZeroAfter = scaleToZeroAfter;
        this.loads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "serving-load");
            thread.setDaemon(true);
            return thread;
        });
        this.janitor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "serving-scale-to-zero");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(100, Math.min(5_000, scaleToZeroAfter.toMillis() / 4));
        janitor.scheduleWithFixedDelay(this::scaleIdleToZero, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Unloads the models of entities that scale to zero and had no request for {@code scaleToZeroAfter}. The slots are
     * asked without this object's lock, so that a slot busy loading its model again (a cold start) holds up no other
     * call; their deployment states say when they are scaled to zero ({@link VersionedConfig#toJson}).
     */
    private void scaleIdleToZero() {
        List<Endpoint> snapshot;
        synchronized (this) {
            snapshot = List.copyOf(endpoints.values());
        }
        for (Endpoint endpoint : snapshot) {
            if (endpoint.config() != null) {
                endpoint.config().models().values().forEach(slot -> slot.unloadIfIdle(scaleToZeroAfter));
            }
        }
    }

    /**
     * The endpoints a store keeps, each of their configs loading again; entities that scale to zero unload after
     * {@link #SCALE_TO_ZERO_AFTER} without requests.
     *
     * @param store where endpoints are kept
     * @param loader what checks and loads served entities
     * @param clock the time for timestamps
     */
    public static Endpoints open(EndpointStore store, EntityLoader loader, Clock clock) {
        return open(store, loader, clock, SCALE_TO_ZERO_AFTER);
    }

    /**
     * As {@link #open(EndpointStore, EntityLoader, Clock)}, with another time without requests after which entities
     * that scale to zero unload.
     */
    public static Endpoints open(EndpointStore store, EntityLoader loader, Clock clock, Duration scaleToZeroAfter) {
        Endpoints opened = new Endpoints(store, loader, clock, scaleToZeroAfter);
        synchronized (opened) {
            for (Endpoint kept : store.readAll()) {
                opened.restore(kept);
            }
        }
        return opened;
    }

    /**
     * Takes back an endpoint a store kept: its served config loads again (the endpoint is {@code NOT_READY} until it
     * has); an update the stopped process had not finished is failed, to be asked for again; a first config that was
     * not ready yet loads again.
     */
    private void restore(Endpoint kept) {
        long now = clock.millis();
        VersionedConfig served = kept.config() == null ? null
                : VersionedConfig.starting(kept.name(), kept.config().config(), kept.config().version(),
                        kept.config().startTime());
        VersionedConfig pending = kept.pending();
        List<ConfigChange> history = kept.history();
        boolean failed = kept.updateFailed();
        if (pending != null) {
            if (served != null) {
                String why = kept.updateFailed() ? "This config failed to load before the serving process stopped."
                        : "The serving process stopped before this config was ready: update the config again.";
                pending = failedConfig(pending, why);
                history = ended(history, pending.version(), now, "UPDATE_FAILED");
                failed = true;
            } else {
                pending = VersionedConfig.starting(kept.name(), pending.config(), pending.version(),
                        pending.startTime());
                failed = false;
            }
        }
        Endpoint endpoint = new Endpoint(kept.name(), kept.id(), kept.creator(), kept.creationTimestamp(),
                kept.lastUpdatedTimestamp(), served, pending, failed, history);
        save(endpoint);
        if (served != null) {
            startLoading(endpoint.name(), served);
        } else if (pending != null) {
            startLoading(endpoint.name(), pending);
        }
    }

    private static VersionedConfig failedConfig(VersionedConfig config, String why) {
        VersionedConfig failed = config;
        for (ServedEntity entity : config.config().servedEntities()) {
            failed = failed.with(entity.name(), Deployment.failed(why), null);
        }
        return failed;
    }

    /**
     * Creates an endpoint from a request {@code {"name": ..., "config": {...}}}.
     *
     * @param creator who asks, for the endpoint's {@code creator}
     * @throws ServingError when the request is wrong, the name taken or a model version missing
     */
    public synchronized Endpoint create(JsonNode request, String creator) {
        if (request == null || !request.isObject()) {
            throw ServingError.badRequest("The request must be a JSON object with name and config.");
        }
        ApiFields.onlyKnown(request, "A create request", CREATE_FIELDS);
        String name = ApiFields.name(ApiFields.requiredText(request, "name", "A create request"), "Endpoint name");
        if (ApiFields.bool(request, "route_optimized", "A create request").orElse(false)) {
            throw ServingError.invalidParameter("route_optimized endpoints are not simulated here: leave it out.");
        }
        EndpointConfig config = EndpointConfig.parse(ApiFields.object(request, "config", "A create request"), name);
        if (endpoints.containsKey(name)) {
            throw ServingError.alreadyExists("Endpoint '" + name + "' already exists: update its config with PUT "
                    + "/api/2.0/serving-endpoints/" + name + "/config, or delete it first.");
        }
        config.servedEntities().forEach(loader::check);
        long now = clock.millis();
        VersionedConfig pending = VersionedConfig.starting(name, config, 1, now);
        Endpoint endpoint = new Endpoint(name, newId(), creator, now, now, null, pending, false,
                List.of(new ConfigChange(1, now, 0, "IN_PROGRESS", config)));
        save(endpoint);
        startLoading(name, pending);
        return endpoint;
    }

    /**
     * An endpoint.
     *
     * @throws ServingError 404 when there is none of that name
     */
    public synchronized Endpoint get(String name) {
        Endpoint endpoint = endpoints.get(name);
        if (endpoint == null) {
            throw ServingError.notFound("Endpoint '" + name + "' does not exist."
                    + (endpoints.isEmpty() ? " There are no endpoints." : " The endpoints are: "
                            + String.join(", ", endpoints.keySet()) + "."));
        }
        return endpoint;
    }

    /** Every endpoint, by name. */
    public synchronized List<Endpoint> list() {
        return new ArrayList<>(endpoints.values());
    }

    /**
     * Moves an endpoint to a new config, from a request {@code {"served_entities": ..., "traffic_config": ...}}; the
     * old config serves until the new one is ready.
     *
     * @throws ServingError when the config is wrong, a model version missing, or another update in progress
     */
    public synchronized Endpoint updateConfig(String name, JsonNode request) {
        Endpoint endpoint = get(name);
        if (request == null || !request.isObject()) {
            throw ServingError.badRequest("The request must be a JSON object with served_entities and "
                    + "traffic_config.");
        }
        EndpointConfig config = EndpointConfig.parse(request, name);
        if (endpoint.config() != null || endpoint.pending() != null) {
            VersionedConfig current = endpoint.config() != null ? endpoint.config() : endpoint.pending();
            current.config().autoCapture().ifPresent(before -> config.autoCapture().filter(after ->
                    !after.tableName().equals(before.tableName())).ifPresent(after -> {
                        throw ServingError.invalidParameter("The inference table of endpoint '" + name + "' is "
                                + before.tableName() + ": its catalog, schema and prefix cannot change ("
                                + after.tableName() + " asked for).");
                    }));
        }
        if (endpoint.pending() != null && !endpoint.updateFailed()) {
            throw ServingError.conflict("Endpoint '" + name + "' is already being updated to config version "
                    + endpoint.pending().version() + ": wait until its state's config_update is NOT_UPDATING.");
        }
        config.servedEntities().forEach(loader::check);
        long now = clock.millis();
        int version = endpoint.history().stream().mapToInt(ConfigChange::version).max().orElse(0) + 1;
        VersionedConfig pending = VersionedConfig.starting(name, config, version, now);
        List<ConfigChange> history = new ArrayList<>(endpoint.history());
        history.add(new ConfigChange(version, now, 0, "IN_PROGRESS", config));
        Endpoint updated = new Endpoint(name, endpoint.id(), endpoint.creator(), endpoint.creationTimestamp(), now,
                endpoint.config(), pending, false, history);
        save(updated);
        startLoading(name, pending);
        return updated;
    }

    /**
     * The served entity that answers a scoring request: the one the traffic routes pick (with the shadow entities that
     * score a copy), or the one named.
     *
     * @param name the endpoint
     * @param entity the served entity a request names ({@code served-models/{entity}/invocations}), which bypasses
     *     the routes, or empty
     * @throws ServingError 404 for an endpoint or entity that does not exist, 503 for an endpoint not ready
     */
    public synchronized Scorer scorer(String name, Optional<String> entity) {
        Endpoint endpoint = get(name);
        if (!"READY".equals(endpoint.ready())) {
            throw ServingError.unavailable("Endpoint '" + name + "' is not ready: its config is still loading"
                    + (endpoint.updateFailed() ? " or failed to load" : "") + ". Ask again when its state's ready is "
                    + "READY.");
        }
        VersionedConfig served = endpoint.config();
        String chosen = entity.orElseGet(served.router()::next);
        ServedEntity servedEntity = served.config().entity(chosen).orElseThrow(() -> ServingError.notFound(
                "Endpoint '" + name + "' serves no entity '" + chosen + "'; it serves " + String.join(", ",
                        served.config().servedEntities().stream().map(ServedEntity::name).toList()) + "."));
        Optional<AutoCaptureConfig> table = served.config().autoCapture().filter(AutoCaptureConfig::enabled);
        List<Scorer> shadows = new ArrayList<>();
        if (entity.isEmpty()) {
            for (ServedEntity shadow : served.config().shadows()) {
                shadows.add(new Scorer(name, shadow, served.models().get(shadow.name()),
                        served.slots().get(shadow.name()), table, List.of()));
            }
        }
        return new Scorer(name, servedEntity, served.models().get(chosen), served.slots().get(chosen), table,
                shadows);
    }

    /**
     * Deletes an endpoint; what it served stops at once.
     *
     * @throws ServingError 404 when there is none of that name
     */
    public synchronized void delete(String name) {
        get(name);
        endpoints.remove(name);
        store.delete(name);
    }

    private void startLoading(String name, VersionedConfig pending) {
        for (ServedEntity entity : pending.config().servedEntities()) {
            loads.submit(() -> {
                Deployment deployment;
                ModelSlot model = null;
                try {
                    LoadedEntity loaded = loader.load(entity);
                    model = new ModelSlot(entity, loader, loaded.model());
                    deployment = Deployment.ready(loaded.message());
                } catch (Exception e) {
                    deployment = Deployment.failed("Model version " + entity.entityVersion() + " of "
                            + entity.entityName() + " could not be loaded: " + e.getMessage());
                }
                loaded(name, pending.version(), entity.name(), deployment, model);
            });
        }
    }

    private synchronized void loaded(String name, int version, String entity, Deployment deployment,
            ModelSlot model) {
        Endpoint endpoint = endpoints.get(name);
        if (endpoint == null || closed) {
            return;
        }
        VersionedConfig served = endpoint.config();
        if (served != null && served.version() == version && !served.ready()) {
            // The served config loading again after a restart.
            endpoints.put(name, new Endpoint(name, endpoint.id(), endpoint.creator(), endpoint.creationTimestamp(),
                    endpoint.lastUpdatedTimestamp(), served.with(entity, deployment, model), endpoint.pending(),
                    endpoint.updateFailed(), endpoint.history()));
            return;
        }
        if (endpoint.pending() == null || endpoint.pending().version() != version || endpoint.updateFailed()) {
            return;
        }
        VersionedConfig pending = endpoint.pending().with(entity, deployment, model);
        long now = clock.millis();
        if (pending.ready()) {
            save(new Endpoint(name, endpoint.id(), endpoint.creator(), endpoint.creationTimestamp(), now, pending,
                    null, false, ended(endpoint.history(), version, now, "SERVED")));
        } else if (pending.failed()) {
            save(new Endpoint(name, endpoint.id(), endpoint.creator(), endpoint.creationTimestamp(), now,
                    endpoint.config(), pending, true, ended(endpoint.history(), version, now, "UPDATE_FAILED")));
        } else {
            endpoints.put(name, new Endpoint(name, endpoint.id(), endpoint.creator(), endpoint.creationTimestamp(),
                    endpoint.lastUpdatedTimestamp(), endpoint.config(), pending, false, endpoint.history()));
        }
    }

    private static List<ConfigChange> ended(List<ConfigChange> history, int version, long now, String outcome) {
        List<ConfigChange> changed = new ArrayList<>();
        for (ConfigChange change : history) {
            changed.add(change.version() == version && change.endTime() == 0
                    ? new ConfigChange(version, change.startTime(), now, outcome, change.config())
                    : change);
        }
        return changed;
    }

    private void save(Endpoint endpoint) {
        store.write(endpoint);
        endpoints.put(endpoint.name(), endpoint);
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Stops loading; a load still running when it ends changes nothing. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        janitor.shutdownNow();
        loads.shutdownNow();
        try {
            loads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
