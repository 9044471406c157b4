package org.mllabs.runtime.spark;

import java.util.Arrays;
import java.util.List;
import org.mllabs.runtime.BuildSettings;

/**
 * The options a new JVM needs to run Spark on Java 17: one {@code --add-opens} per JDK package Spark reaches into.
 * The list is the parent POM's {@code spark.manifest.opens} (read through {@link BuildSettings}), the one
 * {@code lab.jar}'s {@code Add-Opens} manifest entry holds, so a child JVM started on a plain class path (as in tests)
 * gets what {@code java -jar lab.jar} gets.
 */
public final class SparkJvmOptions {

    private SparkJvmOptions() {
    }

    /** {@code --add-opens=java.base/java.lang=ALL-UNNAMED} and the others, one option per package. */
    public static List<String> addOpens() {
        return Arrays.stream(BuildSettings.get("spark.add-opens").split("\\s+"))
                .map(modulePackage -> "--add-opens=" + modulePackage + "=ALL-UNNAMED")
                .toList();
    }
}
