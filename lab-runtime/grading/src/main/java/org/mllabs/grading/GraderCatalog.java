package org.mllabs.grading;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The graders on the class path, found through {@code META-INF/services/org.mllabs.grading.Grader}. */
public final class GraderCatalog {

    private final List<Grader> graders;

    private GraderCatalog(List<Grader> graders) {
        this.graders = graders;
    }

    /** Every grader the class loader can see. */
    public static GraderCatalog load() {
        return new GraderCatalog(ServiceLoader.load(Grader.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    /**
     * The grader of a lab.
     *
     * @throws IllegalArgumentException naming the graders there are, when none grades that lab
     */
    public Grader forLab(String labId) {
        return graders.stream().filter(g -> g.labId().equals(labId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No grader for " + labId + " is installed (graders: "
                        + graders.stream().map(Grader::labId).sorted().collect(Collectors.joining(", ")) + ")."));
    }
}
