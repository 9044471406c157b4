package org.mllabs.runtime.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session a lab runs on.
 *
 * <p>Settings, and why:
 * <ul>
 *   <li>{@code master}: {@code local[*]} by default, every core of the laptop; {@code MLLABS_SPARK_MASTER} or
 *       {@link #master(String)} points the same lab at a cluster.</li>
 *   <li>Delta Lake: {@code spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension} and
 *       {@code spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog}, as on Databricks.</li>
 *   <li>{@code spark.ui.enabled=false} unless {@link #withUi()}: the UI costs start-up time and a port.</li>
 *   <li>{@code spark.sql.shuffle.partitions} and {@code spark.default.parallelism} = 2 × cores: the default 200
 *       shuffle partitions turn every join or aggregation of a few thousand rows into 200 tiny tasks.</li>
 *   <li>{@code spark.sql.adaptive.enabled=true} coalesces what is left.</li>
 *   <li>{@code spark.databricks.delta.snapshotPartitions} = cores: Delta's default of 50 partitions per log
 *       snapshot dominates the cost of small tables.</li>
 *   <li>{@code spark.driver.host=localhost} and {@code spark.driver.bindAddress=127.0.0.1}: no name resolution of
 *       the machine's host name, which fails on laptops with a VPN or no network.</li>
 *   <li>{@code spark.sql.artifact.isolation.enabled=false}: with Spark 4's per-session artifacts, every class that
 *       generated code looks up goes from the executor to the driver's class server over RPC first (dozens per
 *       query, each a miss), and when that connection fails the query fails. It does when the driver's random port
 *       is one a container publishes: Podman's port forwarding redirects every local connection to that port,
 *       127.0.0.1 included, into the container. Labs add no artifacts to a session.</li>
 *   <li>{@code spark.hadoop.fs.file.impl} = {@link PosixLocalFileSystem} on a local master: Hadoop's local file
 *       system without its native library starts a {@code chmod} process for every file and directory it writes,
 *       a few dozen per saved model, and writes a {@code .crc} file beside each. A cluster's executors may not have
 *       the class, so other masters keep Hadoop's.</li>
 *   <li>{@code spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs=false}: no {@code _SUCCESS} marker in
 *       the folders Spark writes (a saved pipeline, a model); no reader of the labs' files looks for one.</li>
 *   <li>{@code spark.sql.warehouse.dir} under the lab's work directory, not the current directory.</li>
 *   <li>{@code spark.ui.showConsoleProgress=false} and log level WARN for Spark, ERROR for its noisiest
 *       neighbours (Hadoop, Jetty, Parquet): a learner reads the lab's own output.</li>
 * </ul>
 */
public final class LabSpark {

    /** The variable that points labs at another Spark master. */
    public static final String MASTER_VARIABLE = "MLLABS_SPARK_MASTER";

    private String master = System.getenv().getOrDefault(MASTER_VARIABLE, "local[*]");
    private String appName = "mllabs";
    private Path warehouse = Path.of(System.getProperty("java.io.tmpdir"), "mllabs-spark-warehouse");
    private boolean ui;
    private final Map<String, String> extra = new LinkedHashMap<>();

    private LabSpark() {
    }

    /** A builder with the defaults above. */
    public static LabSpark builder() {
        return new LabSpark();
    }

    /** Another master, such as {@code local[2]} or {@code spark://host:7077}. */
    public LabSpark master(String value) {
        this.master = value;
        return this;
    }

    /** The application name shown by Spark. */
    public LabSpark appName(String value) {
        this.appName = value;
        return this;
    }

    /** Where managed tables live. */
    public LabSpark warehouse(Path directory) {
        this.warehouse = directory;
        return this;
    }

    /** Turns Spark's web UI on, for learners who want to look at jobs and stages. */
    public LabSpark withUi() {
        this.ui = true;
        return this;
    }

    /** Any other setting, which wins over the defaults. */
    public LabSpark config(String key, String value) {
        extra.put(key, value);
        return this;
    }

    /** The settings the session gets, defaults and extras together. */
    public Map<String, String> settings() {
        int cores = Runtime.getRuntime().availableProcessors();
        String partitions = String.valueOf(Math.max(2, 2 * cores));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        settings.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        settings.put("spark.ui.enabled", String.valueOf(ui));
        settings.put("spark.ui.showConsoleProgress", "false");
        settings.put("spark.sql.shuffle.partitions", partitions);
        settings.put("spark.default.parallelism", partitions);
        settings.put("spark.sql.adaptive.enabled", "true");
        settings.put("spark.databricks.delta.snapshotPartitions", String.valueOf(Math.max(1, cores)));
        settings.put("spark.driver.host", "localhost");
        settings.put("spark.driver.bindAddress", "127.0.0.1");
        settings.put("spark.sql.artifact.isolation.enabled", "false");
        if (master.startsWith("local")) {
            settings.put("spark.hadoop." + PosixLocalFileSystem.SETTING, PosixLocalFileSystem.class.getName());
        }
        settings.put("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false");
        settings.put("spark.sql.warehouse.dir", warehouse.toAbsolutePath().toString());
        settings.putAll(extra);
        return settings;
    }

    /** The session: a new one, or the one already running in this JVM with these settings applied where they can be. */
    public SparkSession getOrCreate() {
        quietLogs();
        SparkSession.Builder builder = SparkSession.builder().master(master).appName(appName);
        settings().forEach(builder::config);
        SparkSession session = builder.getOrCreate();
        session.sparkContext().setLogLevel("WARN");
        return session;
    }

    private static void quietLogs() {
        Configurator.setLevel("org.apache.spark", Level.WARN);
        Configurator.setLevel("org.apache.hadoop", Level.ERROR);
        Configurator.setLevel("org.sparkproject.jetty", Level.ERROR);
        Configurator.setLevel("org.apache.parquet", Level.ERROR);
        Configurator.setLevel("io.delta", Level.WARN);
    }
}
