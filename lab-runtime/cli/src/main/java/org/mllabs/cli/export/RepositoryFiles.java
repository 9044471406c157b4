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
 * The files of a checkout, relative to its root: in a git checkout, those git tracks ({@code git ls-files --cached}),
 * so build output, local state and the instructor's own untracked files (a gradebook, notes) stay out; elsewhere
 * every file, without {@code target/} and {@code .git/} folders.
 */
final class RepositoryFiles {

    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", ".git");

    private RepositoryFiles() {
    }

    /** The files, sorted. */
    static List<Path> list(Path root) {
        List<Path> files = isGitCheckout(root) ? git(root, "--cached") : walk(root);
        return existing(root, files);
    }

    /**
     * The files of a git checkout that git neither tracks nor ignores, sorted: what {@link #list} leaves out that the
     * owner may have meant to add. Empty outside git.
     */
    static List<Path> untracked(Path root) {
        return isGitCheckout(root) ? existing(root, git(root, "--others", "--exclude-standard")) : List.of();
    }

    private static boolean isGitCheckout(Path root) {
        return Files.exists(root.resolve(".git"));
    }

    private static List<Path> existing(Path root, List<Path> files) {
        return files.stream().filter(file -> Files.isRegularFile(root.resolve(file))).sorted().toList();
    }

    private static List<Path> git(Path root, String... selection) {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString(), "ls-files", "-z"));
        command.addAll(Arrays.asList(selection));
        ProcessBuilder git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
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
