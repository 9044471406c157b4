package org.mllabs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;

/**
 * Where a shared server's files are in the instructor's state directory: {@code shared/server-auth.properties} (the
 * admin's password and the server's secret key) and {@code shared/credentials/} (a credentials file per user, the
 * admin's among them). No submission may read any of them.
 */
final class SharedServerFiles {

    private final Path shared;

    SharedServerFiles(LabHome home) {
        this.shared = home.root().resolve("shared");
    }

    /** The admin's password and the server's secret key. */
    Path serverAuth() {
        return shared.resolve("server-auth.properties");
    }

    /** Where {@code lab up --shared} writes the credentials files by default. */
    Path credentials() {
        return shared.resolve("credentials");
    }

    /**
     * Every file of a shared server's that holds a password: the server's own, every credentials file in the given
     * folder and the default one, and the file {@code MLLABS_CREDENTIALS} names; those that exist.
     */
    List<Path> secrets(LabEnvironment environment, List<Path> credentialsDirectories) {
        List<Path> secrets = new ArrayList<>();
        secrets.add(serverAuth());
        List<Path> directories = new ArrayList<>(credentialsDirectories);
        directories.add(credentials());
        for (Path directory : directories) {
            if (Files.isDirectory(directory)) {
                try (Stream<Path> files = Files.list(directory)) {
                    files.filter(file -> file.getFileName().toString().endsWith(".credentials")).forEach(secrets::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot list the credentials files in " + directory, e);
                }
            }
        }
        environment.get(LabEnvironment.MLLABS_CREDENTIALS).map(Path::of).ifPresent(secrets::add);
        return secrets.stream().filter(Files::isRegularFile).map(Path::toAbsolutePath).distinct().toList();
    }
}
