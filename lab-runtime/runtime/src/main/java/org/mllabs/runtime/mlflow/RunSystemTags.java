package org.mllabs.runtime.mlflow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.RunTag;

/**
 * The system tags Python MLflow's {@code mlflow.start_run} sets on a run (its {@code DefaultRunContext}), for the
 * runs a lab creates from Java, so that the MLflow UI shows who created a run and from what source.
 *
 * <ul>
 *   <li>{@value #USER}: the learner id the lab runs for. On a shared server that id, not the login of the machine
 *       the lab ran on, tells learners apart. It is a label for people: a learner's code can set any value, so no
 *       grader takes it as proof of who made a run.</li>
 *   <li>{@value #SOURCE_NAME}: the lab's entry class, such as {@code org.mllabs.lab06.RegistryLab}. Python names
 *       the script it ran; the entry class is the same in the starter and the solution and on every learner's
 *       machine, where a file path would differ from one checkout to the next.</li>
 *   <li>{@value #SOURCE_TYPE}: one of MLflow's {@code SourceType} names; a lab is a program run on the learner's
 *       machine, {@value #LOCAL}.</li>
 * </ul>
 *
 * <p>A run's description, {@value #NOTE}, is the runtime's or the lab's to give, run by run ({@link #note}).
 * {@link #completing} adds only the tags the request lacks: a tag the caller sets is never replaced.
 *
 * @param user the learner id
 * @param sourceName what ran: the lab's entry class
 * @param sourceType a {@code SourceType} name, such as {@value #LOCAL}
 */
public record RunSystemTags(String user, String sourceName, String sourceType) {

    /** The tag of the user who created a run. */
    public static final String USER = "mlflow.user";
    /** The tag of the source that created a run. */
    public static final String SOURCE_NAME = "mlflow.source.name";
    /** The tag of the kind of that source. */
    public static final String SOURCE_TYPE = "mlflow.source.type";
    /** The tag of a run's description, shown by the UI as the run's description. */
    public static final String NOTE = "mlflow.note.content";
    /** {@code SourceType.LOCAL}: a program run on the user's machine. */
    public static final String LOCAL = "LOCAL";

    /** The tags of a lab run locally for a learner from its entry class. */
    public static RunSystemTags local(String learner, String entryClass) {
        return new RunSystemTags(learner, entryClass, LOCAL);
    }

    /** The tags, by key. */
    public Map<String, String> asMap() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(USER, user);
        tags.put(SOURCE_NAME, sourceName);
        tags.put(SOURCE_TYPE, sourceType);
        return tags;
    }

    /** The request with each of these tags it does not set already added. */
    public CreateRun completing(CreateRun request) {
        Set<String> present = request.getTagsList().stream().map(RunTag::getKey).collect(Collectors.toSet());
        CreateRun.Builder completed = request.toBuilder();
        asMap().forEach((key, value) -> {
            if (!present.contains(key)) {
                completed.addTags(RunTag.newBuilder().setKey(key).setValue(value));
            }
        });
        return completed.build();
    }

    /** The tags with a run's description added, for the runs the runtime creates itself. */
    public static Map<String, String> note(Map<String, String> tags, String description) {
        Map<String, String> described = new LinkedHashMap<>(tags);
        described.putIfAbsent(NOTE, description);
        return described;
    }
}
