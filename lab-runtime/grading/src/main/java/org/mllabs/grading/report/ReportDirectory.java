package org.mllabs.grading.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A directory that reports are written into, created up front so that a bad path is found before grading. */
public final class ReportDirectory {

    private final Path path;

    private ReportDirectory(Path path) {
        this.path = path;
    }

    /**
     * Creates the directory and its parents if they are missing.
     *
     * @throws UncheckedIOException whose message names the directory and why it cannot be written
     */
    public static ReportDirectory create(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw cannotWrite(absolute, e);
        }
        if (!Files.isWritable(absolute)) {
            throw cannotWrite(absolute, new AccessDeniedException(absolute.toString()));
        }
        return new ReportDirectory(absolute);
    }

    /** Where the directory is. */
    public Path path() {
        return path;
    }

    /** Writes one file, in UTF-8, replacing any file of that name. */
    Path write(String fileName, String content) {
        Path file = path.resolve(fileName);
        try {
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    private static UncheckedIOException cannotWrite(Path where, IOException e) {
        return new UncheckedIOException("Cannot write grade reports to " + where + ": " + reason(e) + ".", e);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException existing) {
            return existing.getFile() + " is a file, not a directory";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException failed && failed.getReason() != null) {
            return failed.getReason();
        }
        return e.toString();
    }
}
