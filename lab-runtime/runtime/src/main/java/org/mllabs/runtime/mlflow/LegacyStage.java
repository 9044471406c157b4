package org.mllabs.runtime.mlflow;

/**
 * The registry's deprecated stages, shown by a lab for contrast with aliases: a version is in exactly one stage, and
 * stages are fixed names, where aliases are free names and several can point at one version.
 */
public enum LegacyStage {
    /** No stage: where every new version starts. */
    NONE("None"),
    /** Being tested. */
    STAGING("Staging"),
    /** Serving. */
    PRODUCTION("Production"),
    /** Retired. */
    ARCHIVED("Archived");

    private final String wireName;

    LegacyStage(String wireName) {
        this.wireName = wireName;
    }

    /** The name the server uses, such as {@code Production}. */
    public String wireName() {
        return wireName;
    }
}
