package org.mllabs.cli.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The files of a checkout, relative to its root: in a git checkout, those git tracks plus new ones it does not
 * ignore ({@code git ls-files --cached --others --exclude-standard}), so build output and local state stay out;
 * elsewhere every file, without {@code target/} and {@code .git/} folders.
 */
final class RepositoryFiles {

    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", ".git");

    private RepositoryFiles() {
    }

    /** The files, sorted. */
    static List<Path> list(Path root) {
        List<Path> files = Files.exists(root.resolve(".git")) ? fromGit(root) : walk(root);
        return files.stream().filter(file -> Files.isRegularFile(root.resolve(file))).sorted().toList();
    }

    private static List<Path> fromGit(Path root) {
        ProcessBuilder git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z", "--cached",
                "--others", "--exclude-standard").redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process process = git.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("`git ls-files` failed in " + root + ": check that git works there "
                        + "(git status), or export from a copy without .git.");
            }
            return Arrays.stream(output.split("\0")).filter(name -> !name.isEmpty()).map(Path::of).toList();
        } catch (IOException e) {
            throw new IllegalStateException(root + " is a git checkout but git cannot be run (" + e.getMessage()
                    + "): install git, or export from a copy without .git.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing the files of " + root, e);
        }
    }

    private static List<Path> walk(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return !dir.equals(root) && SKIPPED_FOLDERS.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    files.add(root.relativize(file));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + root, e);
        }
        return files;
    }
}
