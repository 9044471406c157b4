package org.mllabs.cli.classroom;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;

/**
 * A private copy of a learner's checkout for the learner's run: the submission folder itself is never run, so a run
 * cannot change what was handed in, nor another learner's folder. Build output ({@code target/}) and {@code .git}
 * are left out; symbolic links and files with other hard links are left out too, so that a submission cannot make
 * the instructor's process copy a file it points at (the grading seed) into the run's reach. Given a user, every
 * copied file and folder is that user's.
 */
final class CheckoutCopy {

    private static final Set<String> LEFT_OUT = Set.of("target", ".git");

    private CheckoutCopy() {
    }

    /**
     * Copies the checkout into {@code target}, which must not exist yet.
     *
     * @param owner the user the copy should belong to, if not this process's
     */
    static void of(Path checkout, Path target, Optional<SubmissionUsers.User> owner) throws IOException {
        Files.walkFileTree(checkout, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (!dir.equals(checkout) && LEFT_OUT.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Path copy = Files.createDirectories(target.resolve(checkout.relativize(dir).toString()));
                own(copy, owner);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile() && links(file) == 1) {
                    Path copy = target.resolve(checkout.relativize(file).toString());
                    Files.copy(file, copy, LinkOption.NOFOLLOW_LINKS);
                    own(copy, owner);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static int links(Path file) throws IOException {
        return (int) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
    }

    /** Makes the path the owner's, if one is given. */
    static void own(Path path, Optional<SubmissionUsers.User> owner) throws IOException {
        if (owner.isPresent()) {
            Files.setAttribute(path, "unix:uid", owner.get().uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", owner.get().gid(), LinkOption.NOFOLLOW_LINKS);
        }
    }
}
