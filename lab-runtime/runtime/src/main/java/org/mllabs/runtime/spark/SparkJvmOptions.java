package org.mllabs.runtime.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The options a new JVM needs to run Spark on Java 17: one {@code --add-opens} per JDK package Spark reaches into.
 * The list is the parent POM's {@code spark.manifest.opens}, the one {@code lab.jar}'s {@code Add-Opens} manifest
 * entry holds, so a child JVM started on a plain class path (as in tests) gets what {@code java -jar lab.jar} gets.
 */
public final class SparkJvmOptions {

    private SparkJvmOptions() {
    }

    /** {@code --add-opens=java.base/java.lang=ALL-UNNAMED} and the others, one option per package. */
    public static List<String> addOpens() {
        try (InputStream in = SparkJvmOptions.class.getResourceAsStream("spark-jvm.properties")) {
            if (in == null) {
                throw new IllegalStateException("spark-jvm.properties is missing from the runtime jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return Arrays.stream(properties.getProperty("add-opens").trim().split("\\s+"))
                    .map(modulePackage -> "--add-opens=" + modulePackage + "=ALL-UNNAMED")
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
