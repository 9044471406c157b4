package org.mllabs.runtime.serving;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.LearnerModelNames;

/**
 * The names a learner's serving endpoints and inference tables take on a service that several learners share, as
 * {@link LearnerModelNames} names their registered models: an endpoint {@code <learner>-<lab>-<name>} (letters,
 * digits, {@code -} and {@code _}, at most 63 characters, a digest of the whole replacing the end of a longer one),
 * an inference table {@code mllabs.<learner>.<prefix>_payload}, the learner's schema with {@code _} for {@code -}.
 */
public final class LearnerEndpointNames {

    /** The longest endpoint name the service takes. */
    public static final int MAX_LENGTH = 63;

    private LearnerEndpointNames() {
    }

    /**
     * The learner's endpoint of a lab, such as {@code ada-lab11-churn}.
     *
     * @param name the endpoint's own name, letters, digits, {@code -} or {@code _}
     */
    public static String endpoint(LearnerId learner, String labId, String name) {
        String full = (learner.value() + "-" + labId + "-" + name).replaceAll("[^A-Za-z0-9_-]", "_");
        if (full.length() <= MAX_LENGTH) {
            return full;
        }
        String digest = digest(full).substring(0, 10);
        return full.substring(0, MAX_LENGTH - digest.length() - 1) + "-" + digest;
    }

    /**
     * Whether an endpoint is one of the learner's of a lab, as {@link #endpoint} names them (a name cut to
     * {@value #MAX_LENGTH} characters is held against the cut prefix).
     */
    public static boolean isLearners(String endpointName, LearnerId learner, String labId) {
        String prefix = endpoint(learner, labId, "x");
        prefix = prefix.length() < MAX_LENGTH ? prefix.substring(0, prefix.length() - 1)
                : prefix.substring(0, MAX_LENGTH - 11);
        return endpointName.startsWith(prefix);
    }

    /** The catalog of the learner's inference tables: the registry's catalog, {@value LearnerModelNames#CATALOG}. */
    public static String tableCatalog() {
        return LearnerModelNames.CATALOG;
    }

    /** The schema of the learner's inference tables: the learner's registry schema, with {@code _} for {@code -}. */
    public static String tableSchema(LearnerId learner) {
        return LearnerModelNames.schema(learner).replace('-', '_');
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
