"""A small local Spark session for the checks: loopback only, no UI, Delta Lake from MLLABS_SPARK_JARS (no
download). The checks never stop it: the process running them (mllabs_checks.worker) keeps it, its JVM and its
Python workers for the next folder of checks."""
import os

from pyspark.sql import SparkSession


def local_spark(app_name):
    """The process's local Spark session on one core with Delta Lake's extension and catalog, started at the first
    call."""
    return (
        SparkSession.builder.master("local[1]")
        .appName(app_name)
        .config("spark.jars", os.environ["MLLABS_SPARK_JARS"])
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.databricks.delta.snapshotPartitions", "1")
        .getOrCreate()
    )
