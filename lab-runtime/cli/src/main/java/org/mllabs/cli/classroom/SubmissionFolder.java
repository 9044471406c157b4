package org.mllabs.cli.classroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.mllabs.runtime.LearnerId;

/**
 * One learner's checkout in a folder of submissions: the sub-folder's name is the learner's id. A roster's learner
 * who handed nothing in has a folder that does not exist ({@link #submitted()} is false).
 *
 * @param directory the checkout
 * @param learner the id made from the folder's name; empty when none can be made, or another folder has it
 */
public record SubmissionFolder(Path directory, Optional<LearnerId> learner) {

    /**
     * The name the gradebook knows the submission by: the learner id, else the folder's name and a {@code /}, which
     * no learner id has (so {@code Ada/}, refused because {@code ada/} took the id, is not mistaken for {@code ada}).
     */
    public String key() {
        return learner.map(LearnerId::value).orElse(directory.getFileName() + "/");
    }

    /** Whether the checkout exists. */
    public boolean submitted() {
        return Files.isDirectory(directory);
    }

    /**
     * Whether the folder holds a checkout with the lab: what {@code lab run} needs ({@code pom.xml}, {@code labs/},
     * {@code lab-runtime/}) and the lab's {@code lab.yaml}. Nothing is run or deleted for a folder that does not.
     *
     * @param labFolder the lab's folder name, such as {@code lab01-mlflow-tracking}
     */
    public boolean isCheckoutOf(String labFolder) {
        return Files.isRegularFile(directory.resolve("pom.xml"))
                && Files.isDirectory(directory.resolve("lab-runtime"))
                && Files.isRegularFile(directory.resolve("labs").resolve(labFolder).resolve("lab.yaml"));
    }

    /**
     * The folders of the submissions, and for each roster learner without one, a folder that does not exist, so that
     * the learner gets a row; sorted by key.
     */
    public static List<SubmissionFolder> withRoster(Path submissions, List<SubmissionFolder> folders, Roster roster) {
        Set<LearnerId> handedIn = new HashSet<>();
        folders.forEach(folder -> folder.learner().ifPresent(handedIn::add));
        List<SubmissionFolder> all = new ArrayList<>(folders);
        roster.learners().stream().filter(learner -> !handedIn.contains(learner)).forEach(learner -> all.add(
                new SubmissionFolder(submissions.resolve(learner.value()).toAbsolutePath().normalize(),
                        Optional.of(learner))));
        all.sort(Comparator.comparing(SubmissionFolder::key));
        return all;
    }

    @Override
    public String toString() {
        return key();
    }

    /**
     * Every sub-folder, sorted by name; folders whose names start with a dot (such as {@code .git}) are not
     * submissions.
     *
     * @throws IllegalArgumentException when the folder does not exist
     */
    public static List<SubmissionFolder> scan(Path submissions) {
        if (!Files.isDirectory(submissions)) {
            throw new IllegalArgumentException("--submissions " + submissions + " is not a folder: name the folder "
                    + "that holds one checkout per learner.");
        }
        List<SubmissionFolder> folders = new ArrayList<>();
        Set<LearnerId> taken = new HashSet<>();
        try (Stream<Path> children = Files.list(submissions)) {
            for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
                String name = child.getFileName().toString();
                if (!name.startsWith(".")) {
                    Optional<LearnerId> learner = learnerId(name).filter(taken::add);
                    folders.add(new SubmissionFolder(child.toAbsolutePath().normalize(), learner));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + submissions, e);
        }
        return folders;
    }

    /**
     * The learner id a folder name stands for: lower case, with every run of other characters than letters, digits,
     * {@code .}, {@code _} and {@code -} made one {@code -} ({@code Ada Lovelace} is {@code ada-lovelace}); accented
     * letters are compared composed, so a name a file system stores decomposed gives the same id.
     */
    static Optional<LearnerId> learnerId(String folderName) {
        String sanitized = Normalizer.normalize(folderName, Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]+", "-");
        try {
            return Optional.of(new LearnerId(sanitized));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
