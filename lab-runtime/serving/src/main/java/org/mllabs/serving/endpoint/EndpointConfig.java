package org.mllabs.serving.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an endpoint serves and how its requests are shared, as a create or update-config request's {@code config}
 * gives it: {@code served_entities} and {@code traffic_config.routes}.
 *
 * <p>Rules: at least one served entity and at most {@value #MAX_ENTITIES}, their names unique; a traffic config is
 * needed when there are several, and then each route names a served entity once, with a whole percentage from 0 to
 * 100, the percentages summing to 100; a served entity without a route gets no traffic. A route with
 * {@code "shadow": true} (this service's own field) and a share of 0 makes its entity score a copy of every request.
 * With one served entity and no traffic config, it gets all of it.
 *
 * @param servedEntities the model versions served
 * @param routes every served entity's share, in the order of {@code servedEntities}
 * @param autoCapture its inference table, if it has one
 */
public record EndpointConfig(List<ServedEntity> servedEntities, List<TrafficRoute> routes,
        Optional<AutoCaptureConfig> autoCapture) {

    /** The most served entities an endpoint may have. */
    public static final int MAX_ENTITIES = 15;

    private static final Set<String> FIELDS = Set.of("served_entities", "traffic_config", "auto_capture_config");

    public EndpointConfig {
        servedEntities = List.copyOf(servedEntities);
        routes = List.copyOf(routes);
    }

    /** A config without an inference table. */
    public EndpointConfig(List<ServedEntity> servedEntities, List<TrafficRoute> routes) {
        this(servedEntities, routes, Optional.empty());
    }

    /**
     * Reads a request's {@code config}.
     *
     * @param endpoint the endpoint's name, the inference table's default prefix
     * @throws ServingError naming what is missing or wrong
     */
    public static EndpointConfig parse(JsonNode config, String endpoint) {
        if (config.has("served_models")) {
            throw ServingError.invalidParameter("served_models is the older form of the config: name the model "
                    + "versions in served_entities, each with entity_name and entity_version.");
        }
        ApiFields.onlyKnown(config, "The endpoint config", FIELDS);
        JsonNode entities = config.get("served_entities");
        if (entities == null || !entities.isArray() || entities.isEmpty()) {
            throw ServingError.invalidParameter("The endpoint config needs served_entities: a list of at least one "
                    + "model version to serve, each with entity_name, entity_version and workload_size.");
        }
        if (entities.size() > MAX_ENTITIES) {
            throw ServingError.invalidParameter("An endpoint serves at most " + MAX_ENTITIES + " entities; this "
                    + "config has " + entities.size() + ".");
        }
        List<ServedEntity> served = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode entity : entities) {
            ServedEntity parsed = ServedEntity.parse(entity);
            if (!names.add(parsed.name())) {
                throw ServingError.invalidParameter("Two served entities are named '" + parsed.name()
                        + "': give each its own name.");
            }
            served.add(parsed);
        }
        JsonNode capture = config.get("auto_capture_config");
        return new EndpointConfig(served, routes(config.get("traffic_config"), served),
                capture == null || capture.isNull() ? Optional.empty()
                        : Optional.of(AutoCaptureConfig.parse(capture, endpoint)));
    }

    private static List<TrafficRoute> routes(JsonNode trafficConfig, List<ServedEntity> served) {
        if (trafficConfig == null || trafficConfig.isNull()) {
            if (served.size() > 1) {
                throw ServingError.invalidParameter("An endpoint with " + served.size() + " served entities needs "
                        + "traffic_config.routes: the share of requests, in percent, that each one answers.");
            }
            return List.of(new TrafficRoute(served.get(0).name(), 100));
        }
        if (!trafficConfig.isObject()) {
            throw ServingError.invalidParameter("traffic_config must be an object with routes.");
        }
        ApiFields.onlyKnown(trafficConfig, "traffic_config", Set.of("routes"));
        JsonNode routes = trafficConfig.get("routes");
        if (routes == null || !routes.isArray() || routes.isEmpty()) {
            throw ServingError.invalidParameter("traffic_config needs routes: a list of served_entity_name and "
                    + "traffic_percentage.");
        }
        List<String> known = served.stream().map(ServedEntity::name).toList();
        int[] shares = new int[served.size()];
        boolean[] routed = new boolean[served.size()];
        boolean[] shadows = new boolean[served.size()];
        int total = 0;
        for (JsonNode route : routes) {
            if (!route.isObject()) {
                throw ServingError.invalidParameter("Each route must be an object, not " + route + ".");
            }
            ApiFields.onlyKnown(route, "A route", Set.of("served_entity_name", "served_model_name",
                    "traffic_percentage", "shadow"));
            String name = ApiFields.text(route, "served_entity_name", "A route")
                    .or(() -> ApiFields.text(route, "served_model_name", "A route"))
                    .orElseThrow(() -> ServingError.invalidParameter("A route needs served_entity_name."));
            int index = known.indexOf(name);
            if (index < 0) {
                throw ServingError.invalidParameter("A route names served entity '" + name + "', which this config "
                        + "does not serve; it serves " + String.join(", ", known) + ".");
            }
            if (routed[index]) {
                throw ServingError.invalidParameter("Served entity '" + name + "' has two routes.");
            }
            JsonNode percentage = route.get("traffic_percentage");
            if (percentage == null || !percentage.isIntegralNumber() || percentage.asLong() < 0
                    || percentage.asLong() > 100) {
                throw ServingError.invalidParameter("The route of '" + name + "' needs traffic_percentage, a whole "
                        + "number from 0 to 100, not " + percentage + ".");
            }
            boolean shadow = ApiFields.bool(route, "shadow", "A route").orElse(false);
            if (shadow && percentage.asInt() != 0) {
                throw ServingError.invalidParameter("The shadow route of '" + name + "' has traffic_percentage "
                        + percentage.asInt() + ": a shadow entity answers no request itself, so its share must be "
                        + "0.");
            }
            routed[index] = true;
            shadows[index] = shadow;
            shares[index] = percentage.asInt();
            total += shares[index];
        }
        if (total != 100) {
            throw ServingError.invalidParameter("The traffic percentages sum to " + total + ": they must sum to "
                    + "100.");
        }
        List<TrafficRoute> ordered = new ArrayList<>();
        for (int i = 0; i < served.size(); i++) {
            ordered.add(new TrafficRoute(known.get(i), shares[i], shadows[i]));
        }
        return ordered;
    }

    /** The served entities that score a copy of every request, their answers never returned. */
    public List<ServedEntity> shadows() {
        List<ServedEntity> shadows = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            if (routes.get(i).shadow()) {
                shadows.add(servedEntities.get(i));
            }
        }
        return shadows;
    }

    /** The served entity of this name. */
    public Optional<ServedEntity> entity(String name) {
        return servedEntities.stream().filter(entity -> entity.name().equals(name)).findFirst();
    }

    /** The config as the API returns it, without per-entity state. */
    public ObjectNode toJson() {
        return toJson(false);
    }

    /** The config as the API returns it, without per-entity state, the inference table's state if asked. */
    ObjectNode toJson(boolean withState) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode entities = json.putArray("served_entities");
        servedEntities.forEach(entity -> entities.add(entity.toJson()));
        ArrayNode routeList = json.putObject("traffic_config").putArray("routes");
        routes.forEach(route -> routeList.add(route.toJson()));
        autoCapture.ifPresent(capture -> json.set("auto_capture_config", capture.toJson(withState)));
        return json;
    }
}
