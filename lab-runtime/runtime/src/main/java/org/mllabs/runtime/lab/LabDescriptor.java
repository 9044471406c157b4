package org.mllabs.runtime.lab;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A lab as its {@code lab.yaml} describes it.
 *
 * @param id the short id, such as {@code lab01}, that prefixes every step id
 * @param title a one-line title
 * @param summary what the learner practises
 * @param examTopics the certification exam topics the lab covers
 * @param entryClass the fully qualified {@link LabExercise} class, the same in both trees
 * @param steps the numbered steps, in order
 * @param services the services the lab needs beside the MLflow server, such as {@value #SERVING}, which {@code lab run}
 *     and {@code lab grade} make sure are up (none when {@code lab.yaml} names none)
 * @param directory the lab's folder (not in the YAML)
 */
public record LabDescriptor(String id, String title, String summary,
                            @JsonProperty("exam_topics") List<String> examTopics,
                            @JsonProperty("entry_class") String entryClass,
                            List<Step> steps,
                            List<String> services,
                            @JsonIgnore Path directory) {

    /** The model serving service, as {@code services: [serving]} in {@code lab.yaml} asks for it. */
    public static final String SERVING = "serving";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One step.
     *
     * @param id such as {@code lab01.step3}
     * @param title what the step asks, in one line
     */
    public record Step(String id, String title) {
    }

    public LabDescriptor {
        examTopics = List.copyOf(examTopics);
        steps = List.copyOf(steps);
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** Reads {@code lab.yaml} from a lab's folder and checks that every step id starts with the lab id. */
    public static LabDescriptor read(Path labDirectory) {
        Path file = labDirectory.resolve("lab.yaml");
        LabDescriptor read;
        try {
            read = YAML.readValue(file.toFile(), LabDescriptor.class);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        for (String service : read.services()) {
            if (!SERVING.equals(service)) {
                throw new IllegalStateException(file + ": unknown service '" + service + "' (known: " + SERVING + ")");
            }
        }
        for (Step step : read.steps()) {
            if (!step.id().startsWith(read.id() + ".step")) {
                throw new IllegalStateException(file + ": step id " + step.id() + " must start with "
                        + read.id() + ".step");
            }
        }
        return new LabDescriptor(read.id(), read.title(), read.summary(), read.examTopics(), read.entryClass(),
                read.steps(), read.services(), labDirectory.toAbsolutePath().normalize());
    }

    /** Whether the lab needs the model serving service ({@code services: [serving]}). */
    public boolean needsServing() {
        return services.contains(SERVING);
    }

    /** The lab's instructions. */
    public Path readme() {
        return directory.resolve("README.md");
    }
}
