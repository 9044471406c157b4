package org.mllabs.cli.classroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.LocalFiles;

/**
 * Where and as whom a batch's submissions run, out of reach of everything of the instructor's: a folder of the batch
 * under the system's temporary folder ({@code mllabs-grade-all-<uid>/batch-*}, not the instructor's state directory)
 * holding a class path submission users can read and not change, and per run a private copy of the checkout, a state
 * directory and a temporary folder. On Linux as root every run is a {@link SubmissionUsers submission user}'s, so it
 * can read neither the grading seed nor another process's environment, nor write the gradebook, the logs, the
 * instructor's checkout or another learner's copy, and every process it leaves is killed when it ends. Elsewhere the
 * batch is refused unless the instructor accepts, with {@code --same-user}, that the submissions run as the
 * instructor.
 */
final class SubmissionSandbox implements AutoCloseable {

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PASSAGE = PosixFilePermissions.fromString("rwx--x--x");

    private final Path batch;
    private final Optional<SubmissionUsers> users;
    private final ChildJvm jvm;

    private SubmissionSandbox(Path batch, Optional<SubmissionUsers> users, ChildJvm jvm) {
        this.batch = batch;
        this.users = users;
        this.jvm = jvm;
    }

    /**
     * Gets a batch's sandbox ready.
     *
     * @param jobs how many runs go at once: one submission user each
     * @param sameUser whether the instructor accepts that submissions run as this process's user
     * @param heap each run's heap, such as {@code 2g}
     * @param secrets what no submission may read: the grading seed's file, if it comes from one
     * @param guarded what no submission may write: the gradebook's folder, the state directory, the checkout
     * @param say told what the sandbox is and of any permission it tightened
     * @throws IllegalStateException when submissions cannot run as users of their own and {@code sameUser} is false,
     *     or a submission user could reach a secret or write a guarded folder
     */
    static SubmissionSandbox prepare(int jobs, boolean sameUser, String heap, List<Path> secrets, List<Path> guarded,
                                     Consumer<String> say) {
        Optional<String> unavailable = SubmissionUsers.unavailable();
        if (unavailable.isPresent() && !sameUser) {
            throw new IllegalStateException("Submissions cannot run as users of their own: " + unavailable.get()
                    + ". Run grade-all as root on Linux (sudo), where each submission runs as an unprivileged user "
                    + SubmissionUsers.PREFIX + "N, or add --same-user to run them as yourself: only for "
                    + "submissions you trust, since they could then read the grading seed and change the gradebook.");
        }
        Path batch = batchFolder();
        Optional<SubmissionUsers> users = Optional.empty();
        try {
            if (unavailable.isEmpty()) {
                users = Optional.of(SubmissionUsers.take(jobs, batch.getParent()));
                say.accept("Each submission runs as an unprivileged user of its own (" + users.get().all().stream()
                        .map(SubmissionUsers.User::name).toList() + "), on a copy of its checkout in " + batch + ".");
            } else {
                say.accept("Warning: --same-user: submissions run as you (" + unavailable.get() + "). They can "
                        + "read the grading seed and change your files, and a process a submission detaches may "
                        + "outlive it.");
            }
            ChildJvm jvm = users.isPresent() ? ChildJvm.sharedWithOtherUsers(heap, batch.resolve("jvm"))
                    : ChildJvm.likeThisOne(heap, batch.resolve("jvm"));
            SubmissionSandbox sandbox = new SubmissionSandbox(batch, users, jvm);
            users.ifPresent(taken -> sandbox.requireOutOfReach(taken.all().get(0), secrets, guarded, say));
            return sandbox;
        } catch (RuntimeException e) {
            users.ifPresent(SubmissionUsers::close);
            LocalFiles.deleteTree(batch);
            throw e;
        }
    }

    /** The child JVM every run starts. */
    ChildJvm jvm() {
        return jvm;
    }

    /**
     * Opens a place for one learner's run: a submission user (waiting for a free one), a copy of the checkout, a
     * state directory and a temporary folder, all that user's.
     */
    Place open(LearnerId learner, Path checkout) throws InterruptedException {
        Optional<SubmissionUsers.User> user = users.isPresent() ? Optional.of(users.get().acquire()) : Optional.empty();
        Path folder = batch.resolve("run-" + learner.value());
        try {
            user.ifPresent(SubmissionUsers::killEverything);
            LocalFiles.deleteTree(folder);
            Files.createDirectory(folder);
            Files.setPosixFilePermissions(folder, PRIVATE);
            Place place = new Place(folder, user);
            CheckoutCopy.of(checkout, place.checkout(), user);
            for (Path own : List.of(folder, Files.createDirectory(place.home()), Files.createDirectory(place.tmp()))) {
                CheckoutCopy.own(own, user);
            }
            return place;
        } catch (IOException | RuntimeException e) {
            close(folder, user);
            throw e instanceof IOException io ? new UncheckedIOException("Cannot prepare " + folder + " for "
                    + learner + "'s run: " + io.getMessage(), io) : (RuntimeException) e;
        }
    }

    /**
     * One run's place.
     *
     * @param folder the run's folder: {@code checkout/}, {@code home/}, {@code tmp/}
     * @param user the submission user it runs as, if any
     */
    record Place(Path folder, Optional<SubmissionUsers.User> user) {

        /** The run's copy of the checkout. */
        Path checkout() {
            return folder.resolve("checkout");
        }

        /** The run's state directory ({@code MLLABS_HOME}). */
        Path home() {
            return folder.resolve("home");
        }

        /** The run's temporary folder. */
        Path tmp() {
            return folder.resolve("tmp");
        }

        /** The command that runs {@code command} in this place, as its user. */
        List<String> command(List<String> command) {
            return user.map(u -> SubmissionUsers.as(u, command)).orElse(command);
        }

        /**
         * Replaces the environment with only what a run needs: no variable of the instructor's (the grading seed,
         * credentials, the container engine's address) is passed on.
         */
        void environment(Map<String, String> environment, Map<String, String> run) {
            String path = environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
            String lang = environment.getOrDefault("LANG", "C.UTF-8");
            environment.clear();
            environment.put("PATH", path);
            environment.put("LANG", lang);
            environment.put("HOME", folder.toString());
            environment.put("TMPDIR", tmp().toString());
            environment.putAll(run);
        }

        /** The JVM options that keep the run's files in its place. */
        List<String> jvmOptions() {
            return List.of("-Djava.io.tmpdir=" + tmp(), "-Duser.home=" + folder);
        }
    }

    /** Kills everything the run's user left running, deletes the run's place and frees its user. */
    void close(Place place) {
        close(place.folder(), place.user());
    }

    /** Kills every process of the runs going now: the batch was interrupted. */
    void killAll() {
        users.ifPresent(taken -> taken.all().forEach(SubmissionUsers::killEverything));
    }

    private void close(Path folder, Optional<SubmissionUsers.User> user) {
        try {
            user.ifPresent(SubmissionUsers::killEverything);
            LocalFiles.deleteTree(folder);
        } finally {
            user.ifPresent(u -> users.get().release(u));
        }
    }

    /** Deletes the batch's folder and frees its users for other batches. */
    @Override
    public void close() {
        try {
            killAll();
            LocalFiles.deleteTree(batch);
        } finally {
            users.ifPresent(SubmissionUsers::close);
        }
    }

    /**
     * Makes sure a submission user can read no secret and write no guarded folder: a secret others may read is made
     * its owner's alone (and said so); whatever is still in reach stops the batch before anything runs.
     */
    private void requireOutOfReach(SubmissionUsers.User user, List<Path> secrets, List<Path> guarded,
                                   Consumer<String> say) {
        List<String> reachable = new ArrayList<>();
        for (Path secret : secrets) {
            tightenIfShared(secret, say);
            if (probe(user, "-r", secret)) {
                reachable.add(user.name() + " can read " + secret);
            }
        }
        for (Path folder : guarded) {
            if (probe(user, "-w", folder)) {
                reachable.add(user.name() + " can write " + folder);
            }
        }
        if (!reachable.isEmpty()) {
            throw new IllegalStateException("A submission could reach what is yours: " + String.join("; ", reachable)
                    + ". Make it writable by you alone (chmod go-w) and grade again.");
        }
        List<String> version = SubmissionUsers.as(user, jvm.command("--version"));
        if (!startsAs(version)) {
            throw new IllegalStateException("A submission cannot start Java as " + user.name() + ": the JDK ("
                    + System.getProperty("java.home") + ") must be readable by all users. Install Java where every "
                    + "user can run it, such as /usr/lib/jvm, or add --same-user for submissions you trust.");
        }
    }

    private static void tightenIfShared(Path secret, Consumer<String> say) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(secret, LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> shared = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
            if (permissions.stream().anyMatch(shared::contains)) {
                Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
                say.accept("Made " + secret + " readable by you alone: submissions must not read it.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check who may read " + secret, e);
        }
    }

    private boolean startsAs(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(batch.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            String path = builder.environment().getOrDefault("PATH", "/usr/bin:/bin");
            builder.environment().clear();
            builder.environment().put("PATH", path);
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether {@code test <flag> <path>} succeeds as the user. */
    private boolean probe(SubmissionUsers.User user, String flag, Path path) {
        return startsAs(SubmissionUsers.as(user, List.of("test", flag, path.toString())));
    }

    /**
     * A new folder for the batch in {@code <tmp>/mllabs-grade-all-<uid>}, which must be this user's and writable by
     * nobody else; submission users may pass through both but list neither.
     */
    private static Path batchFolder() {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "mllabs-grade-all-" + SubmissionUsers.ownUid());
        try {
            Files.createDirectories(base);
            int owner = SubmissionUsers.ownUid();
            if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)
                    || owner >= 0 && (int) Files.getAttribute(base, "unix:uid", LinkOption.NOFOLLOW_LINKS) != owner) {
                throw new IllegalStateException(base + " is not a folder of yours: delete it and grade again.");
            }
            Files.setPosixFilePermissions(base, PASSAGE);
            Path batch = Files.createTempDirectory(base, "batch-");
            Files.setPosixFilePermissions(batch, PASSAGE);
            return batch;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the submissions' folder in " + base, e);
        }
    }
}
