package org.mllabs.runtime.mlflow;

import org.mllabs.runtime.LearnerId;

/**
 * Registered model names of one learner, unique on a server that several learners share: in catalog form
 * {@code mllabs.<learner>.<model>}, the learner's id being the schema. A learner id may hold dots, which a part of a
 * three-part name cannot, so they become {@code _}.
 */
public final class LearnerModelNames {

    /** The catalog every learner's models are in. */
    public static final String CATALOG = "mllabs";

    private LearnerModelNames() {
    }

    /** The learner's schema: the id with each character a name part cannot hold replaced by {@code _}. */
    public static String schema(LearnerId learner) {
        return learner.value().replaceAll("[^\\w-]", "_");
    }

    /**
     * The learner's three-part name of a model, such as {@code mllabs.ada_l.churn_classifier} for the learner
     * {@code ada.l}.
     *
     * @param model the model's own name, letters, digits, {@code _} or {@code -}
     * @throws IllegalArgumentException when the model's name cannot be a part of a three-part name
     */
    public static String catalogName(LearnerId learner, String model) {
        return RegistryNames.requireCatalogName(CATALOG + "." + schema(learner) + "." + model);
    }

    /** The two-part name of the same model, {@code <learner>.<model>}, which catalog mode refuses. */
    public static String schemaName(LearnerId learner, String model) {
        return schema(learner) + "." + model;
    }
}
