package org.mllabs.runtime.server;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.mllabs.runtime.LocalFiles;
import org.mllabs.runtime.mlflow.MlflowCredentials;

/**
 * The settings of a shared class server that runs MLflow's own authentication ({@code mlflow server --app-name
 * basic-auth}): the admin's user name and password, and the secret key the server signs its forms with. Kept in a file
 * only its owner can read, so that the next {@code lab up --shared} starts the same server with the same admin.
 *
 * <p>The server's {@code basic_auth.ini} sets {@code default_permission = NO_PERMISSIONS}: a user sees and changes
 * only what they created or were granted, and the admin everything. Users live in a SQLite store next to the tracking
 * database, so they outlive the container.
 *
 * @param adminUsername the admin user the server creates on its first start
 * @param adminPassword that admin's password
 * @param secretKey the Flask secret key ({@code MLFLOW_FLASK_SERVER_SECRET_KEY})
 */
public record SharedServerAuth(String adminUsername, String adminPassword, String secretKey) {

    /** The admin user's name. */
    public static final String ADMIN = "admin";

    /** The configuration file's name, in the server's state directory. */
    static final String CONFIG_FILE = "basic_auth.ini";

    private static final String ADMIN_PASSWORD_KEY = "admin.password";
    private static final String SECRET_KEY_KEY = "flask.secret.key";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    @Override
    public String toString() {
        return "SharedServerAuth[" + adminUsername + "]";
    }

    /**
     * The settings kept in a file, or new ones (random password and key) written there, readable by its owner only.
     *
     * @param file such as {@code ~/.mllabs/shared/server-auth.properties}
     */
    public static SharedServerAuth loadOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                return new SharedServerAuth(ADMIN, properties.getProperty(ADMIN_PASSWORD_KEY),
                        properties.getProperty(SECRET_KEY_KEY));
            }
            SharedServerAuth created = new SharedServerAuth(ADMIN, randomSecret(24), randomSecret(48));
            LocalFiles.writePrivate(file, "# The shared MLflow server's admin and key: keep them secret\n"
                    + ADMIN_PASSWORD_KEY + "=" + created.adminPassword() + "\n"
                    + SECRET_KEY_KEY + "=" + created.secretKey() + "\n");
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the shared server's settings in " + file, e);
        }
    }

    /** A random password of letters and digits that cannot be confused with one another. */
    public static String randomSecret(int length) {
        StringBuilder secret = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            secret.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return secret.toString();
    }

    /** The admin's credentials, for graders and for creating learners' users. */
    public MlflowCredentials admin() {
        return new MlflowCredentials(adminUsername, adminPassword);
    }

    /**
     * Writes {@code basic_auth.ini} into the server's state directory.
     *
     * @param hostStateDirectory the state directory on this machine
     * @param serverStateDirectory the same directory as the server sees it
     */
    void writeConfig(Path hostStateDirectory, String serverStateDirectory) {
        String ini = String.join("\n",
                "[mlflow]",
                "default_permission = NO_PERMISSIONS",
                "database_uri = sqlite:///" + serverStateDirectory + "/basic_auth.db",
                "admin_username = " + adminUsername,
                "authorization_function = mlflow.server.auth:authenticate_request_basic_auth",
                "");
        try {
            Files.writeString(hostStateDirectory.resolve(CONFIG_FILE), ini, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + hostStateDirectory.resolve(CONFIG_FILE), e);
        }
    }

    /** The variables the server reads: its configuration file, the first admin's password, the secret key. */
    Map<String, String> serverEnvironment(String serverStateDirectory) {
        return Map.of("MLFLOW_AUTH_CONFIG_PATH", serverStateDirectory + "/" + CONFIG_FILE,
                "MLFLOW_AUTH_ADMIN_PASSWORD", adminPassword,
                "MLFLOW_FLASK_SERVER_SECRET_KEY", secretKey);
    }

    /**
     * Whether the server at the URI refuses a request without credentials (401), as one with authentication does.
     * A server that does not answer counts as not requiring them.
     */
    public static boolean isRequiredBy(URI trackingUri) {
        URI probe = URI.create(trackingUri.toString().replaceAll("/+$", "")
                + "/api/2.0/mlflow/experiments/search?max_results=1");
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build()
                    .send(HttpRequest.newBuilder(probe).timeout(PROBE_TIMEOUT).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 401;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
