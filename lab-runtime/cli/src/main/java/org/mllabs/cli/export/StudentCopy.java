package org.mllabs.cli.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a learner's copy of a checkout holds: every file of the checkout ({@link RepositoryFiles}: in git, the files it
 * tracks) but those {@link LeftOut} names. Files git does not track are never copied, and named so that the owner can
 * add those the learners should get.
 */
public final class StudentCopy {

    /** How many untracked files {@link #describeLeftOut()} names before it says "...". */
    private static final int UNTRACKED_NAMED = 10;

    private final Path root;
    private final List<Path> kept;
    private final Map<LeftOut, List<Path>> leftOut;
    private final List<Path> untracked;

    private StudentCopy(Path root, List<Path> kept, Map<LeftOut, List<Path>> leftOut, List<Path> untracked) {
        this.root = root;
        this.kept = kept;
        this.leftOut = leftOut;
        this.untracked = untracked;
    }

    /** Sorts the checkout's files into kept and left out. */
    public static StudentCopy of(Path root) {
        List<Path> kept = new ArrayList<>();
        Map<LeftOut, List<Path>> leftOut = new EnumMap<>(LeftOut.class);
        for (Path file : RepositoryFiles.list(root)) {
            Optional<LeftOut> reason = Arrays.stream(LeftOut.values()).filter(rule -> rule.matches(file)).findFirst();
            reason.ifPresentOrElse(rule -> leftOut.computeIfAbsent(rule, r -> new ArrayList<>()).add(file),
                    () -> kept.add(file));
        }
        return new StudentCopy(root, List.copyOf(kept), leftOut, RepositoryFiles.untracked(root));
    }

    /** The files the copy holds, relative to the root. */
    public List<Path> kept() {
        return kept;
    }

    /** The files left out, by reason, relative to the root. */
    public Map<LeftOut, List<Path>> leftOut() {
        return leftOut;
    }

    /** The files of a git checkout that git does not track (nor ignore), relative to the root: never copied. */
    public List<Path> untracked() {
        return untracked;
    }

    /**
     * Writes the copy, keeping each file's permissions (so {@code mvnw} and the {@code lab} script stay executable).
     *
     * @throws IllegalArgumentException when the target exists and is not an empty folder
     */
    public void writeTo(Path target) {
        requireEmpty(target);
        try {
            for (Path file : kept) {
                Path copy = target.resolve(file.toString());
                Files.createDirectories(copy.getParent());
                Files.copy(root.resolve(file), copy, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the copy into " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * One line per reason: what was left out, the folders, and how many files; then the files git does not track,
     * if any.
     */
    public List<String> describeLeftOut() {
        List<String> lines = new ArrayList<>();
        leftOut.forEach((rule, files) -> lines.add(rule.description() + ": "
                + String.join(", ", files.stream().map(rule::folderOf).distinct().map(Path::toString).toList())
                + " (" + count(files) + ")"));
        if (!untracked.isEmpty()) {
            List<String> names = untracked.stream().limit(UNTRACKED_NAMED).map(Path::toString).toList();
            lines.add("files git does not track: " + String.join(", ", names)
                    + (untracked.size() > names.size() ? ", ..." : "") + " (" + count(untracked)
                    + "; git add those the learners should get, and export again)");
        }
        return lines;
    }

    private static String count(List<Path> files) {
        return files.size() + (files.size() == 1 ? " file" : " files");
    }

    private static void requireEmpty(Path target) {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new IllegalArgumentException(target + " is a file: name a new or empty folder for the copy.");
        }
        try (Stream<Path> children = Files.list(target)) {
            if (children.findAny().isPresent()) {
                throw new IllegalArgumentException(target + " is not empty: name a new or empty folder for the copy, "
                        + "so that nothing in it is overwritten or mixed with the copy.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + target, e);
        }
    }
}
