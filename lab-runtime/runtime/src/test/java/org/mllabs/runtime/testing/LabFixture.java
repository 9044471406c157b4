package org.mllabs.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.RepositoryLayout;
import org.mllabs.runtime.lab.LabCatalog;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabDescriptor;
import org.mllabs.runtime.lab.LabRunResult;
import org.mllabs.runtime.lab.LabRunner;
import org.mllabs.runtime.lab.LabVariant;
import org.mllabs.runtime.server.MlflowServer;

/**
 * Runs a lab of this checkout the way {@code lab run} does, for grader tests: the solution, the untouched starter,
 * or a {@link Mutant} of the solution (of its own files or of the given code). Each run gets a learner of its own,
 * so tests sharing a server do not meet, and a Spark session of its own on the test JVM's Spark context
 * ({@link SparkSession#newSession()}: its own SQL settings and temporary views), so runs of tests that run at the
 * same time do not meet either. A lab that needs the serving service gets the JVM's one ({@link TestServing}).
 */
public final class LabFixture {

    private final RepositoryLayout repository = RepositoryLayout.locate(LabEnvironment.current());
    private final MlflowServer server;
    private final SparkSession spark;
    private final Path work;

    /**
     * @param server the test MLflow server
     * @param spark the test Spark session, whose context every run shares
     * @param work a temporary folder
     */
    public LabFixture(MlflowServer server, SparkSession spark, Path work) {
        this.server = server;
        this.spark = spark;
        this.work = work;
    }

    /** A learner id no other test uses, starting with the prefix. */
    public static LearnerId newLearner(String prefix) {
        return new LearnerId(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The lab's descriptor. */
    public LabDescriptor lab(String labId) {
        return LabCatalog.scan(repository.labs()).get(labId);
    }

    /** Runs the starter or the solution for the learner. */
    public LabRunResult run(String labId, LabVariant variant, LearnerId learner) {
        LabDescriptor lab = lab(labId);
        return run(lab, variant.name().toLowerCase(Locale.ROOT),
                variant.sourceTrees().stream().map(lab.directory()::resolve).toList(), learner);
    }

    /** Runs the solution with the mutant's change applied, for the learner. */
    public LabRunResult run(String labId, Mutant mutant, LearnerId learner) {
        LabDescriptor lab = lab(labId);
        Path tree = work.resolve("mutant-" + mutant.name());
        List<Path> trees = new ArrayList<>();
        LabVariant.SOLUTION.sourceTrees().forEach(relative -> trees.add(lab.directory().resolve(relative)));
        mutant.writeInto(trees, tree);
        trees.add(tree);
        return run(lab, "mutant " + mutant.name(), trees, learner);
    }

    private LabRunResult run(LabDescriptor lab, String label, List<Path> trees, LearnerId learner) {
        Path classes = directory("classes-" + learner.value());
        SparkSession session = spark.newSession();
        try (LabContext context = new LabContext(lab, learner, server, () -> session, repository.datasets(),
                directory("work-" + learner.value()), line -> System.out.println("[" + learner + "] " + line),
                lab.needsServing() ? () -> TestServing.uri(server, spark) : null)) {
            return LabRunner.run(lab, label, trees, context, classes);
        }
    }

    private Path directory(String name) {
        try {
            return Files.createDirectories(work.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
