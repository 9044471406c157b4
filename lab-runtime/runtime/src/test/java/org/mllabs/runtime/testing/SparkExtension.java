package org.mllabs.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.mllabs.runtime.spark.LabSpark;

/**
 * Hands tests a {@link SparkSession} parameter: one {@link LabSpark} session on {@code local[2]} for the whole test
 * JVM, with its warehouse in a temporary folder, stopped when the JVM's tests are done.
 *
 * <p>Its expressions are evaluated without generated code ({@code spark.sql.codegen.wholeStage=false} and
 * {@code spark.sql.codegen.factoryMode=NO_CODEGEN}, Spark's interpreted path, which its own tests hold to the same
 * results): a test JVM runs a hundred labs' worth of queries on a few thousand rows each, and compiling and then
 * optimising a class per query cost it more CPU than the rows do (lab-runtime/benchmarks/README.md, "The test
 * suite"). Its queries use two partitions ({@code spark.sql.shuffle.partitions} and {@code spark.default.parallelism}),
 * what {@link LabSpark} gives a one-core machine, instead of twice the cores: two lab runs share the cores at a time,
 * and each task more is one more to serialise and schedule. Its memory pages are 1 MiB
 * ({@code spark.buffer.pageSize}) instead of the 32 to 64 MiB Spark sizes them to from the heap: each hash join,
 * aggregation and sort of a few thousand rows would otherwise take a page that large, and the broadcast side of a
 * join keeps its page for as long as a cached result built on it is cached, which a lab run's caches are until the
 * JVM ends. A lab run by the {@code lab} command keeps its defaults.
 *
 * <p>The session lives in the root context's store as an {@link AutoCloseable}, which JUnit closes at the end of the
 * run.
 */
public final class SparkExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SparkExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SparkSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedSession.class, key -> SharedSession.start(), SharedSession.class)
                .session;
    }

    /** The session, stopped when the store is closed. */
    private static final class SharedSession implements AutoCloseable {

        private final SparkSession session;

        private SharedSession(SparkSession session) {
            this.session = session;
        }

        static SharedSession start() {
            try {
                return new SharedSession(LabSpark.builder()
                        .master("local[2]")
                        .appName("mllabs-tests")
                        .config("spark.sql.codegen.wholeStage", "false")
                        .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
                        .config("spark.sql.shuffle.partitions", "2")
                        .config("spark.default.parallelism", "2")
                        .config("spark.buffer.pageSize", "1m")
                        .warehouse(Files.createTempDirectory("mllabs-test-spark-warehouse"))
                        .getOrCreate());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            session.stop();
        }
    }
}
