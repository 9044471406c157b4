package org.mllabs.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What the parent POM pins and the build writes into the runtime jar ({@code build.properties}). */
public final class BuildSettings {

    private static final Properties SETTINGS = load();

    private BuildSettings() {
    }

    /**
     * One setting.
     *
     * @throws IllegalStateException when the jar does not hold it
     */
    public static String get(String key) {
        String value = SETTINGS.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("build.properties in the runtime jar has no " + key + "; rebuild it");
        }
        return value.trim();
    }

    private static Properties load() {
        try (InputStream in = BuildSettings.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing from the runtime jar; rebuild it");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
