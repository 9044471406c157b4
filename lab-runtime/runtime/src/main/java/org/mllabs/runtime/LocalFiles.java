package org.mllabs.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Local file operations the labs, the runtime and the graders share. */
public final class LocalFiles {

    private LocalFiles() {
    }

    /**
     * Deletes a directory and everything under it; a directory that is not there is fine.
     *
     * @throws UncheckedIOException naming the directory, when something in it cannot be deleted
     */
    public static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }
}
