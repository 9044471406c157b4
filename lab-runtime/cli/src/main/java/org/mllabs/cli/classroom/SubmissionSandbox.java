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
 * holding a class path without graders that submission users can read and not change, and per run a private copy of
 * the checkout, a state directory and a temporary folder. On Linux as root every run is a
 * {@link SubmissionUsers submission user}'s, started in a mount namespace of its own where the instructor's folders
 * are empty ({@link PrivateMounts}), so it can read neither the grading seed, the instructor's checkout and state
 * directory, the gradebook and logs, other learners' submissions, nor another process's environment, nor write any
 * of them, and every process and temporary file it leaves is deleted when it ends. Elsewhere the batch is refused
 * unless the instructor accepts, with {@code --same-user}, that the submissions run as the instructor, unprotected.
 */
final class SubmissionSandbox implements AutoCloseable {

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PASSAGE = PosixFilePermissions.fromString("rwx--x--x");

    private final Path batch;
    private final Optional<SubmissionUsers> users;
    private final ChildJvm jvm;
    private final Consumer<String> say;
    private final BatchStop stop;
    private Optional<PrivateMounts> mounts = Optional.empty();

    private SubmissionSandbox(Path batch, Optional<SubmissionUsers> users, ChildJvm jvm, Consumer<String> say,
                              BatchStop stop) {
        this.batch = batch;
        this.users = users;
        this.jvm = jvm;
        this.say = say;
        this.stop = stop;
    }

    /**
     * Gets a batch's sandbox ready.
     *
     * @param jobs how many runs go at once: one submission user each
     * @param sameUser whether the instructor accepts that submissions run as this process's user
     * @param heap each run's heap, such as {@code 2g}
     * @param secrets what no submission may read: the grading seed's file, if it comes from one
     * @param guarded what no submission may write: the gradebook's folder, the state directory, the checkout
     * @param unseen the folders no submission may see: the checkout, the state directory, the gradebook's and the
     *     logs' folders, the submissions, the secrets' folders, the home folder
     * @param say told what the sandbox is, of any permission it tightened and of any folder it cannot hide
     * @param stop stopped when no submission user is left to run the next learner
     * @throws IllegalStateException when submissions cannot run as users of their own and {@code sameUser} is false,
     *     or a submission user could reach a secret or write a guarded folder
     */
    static SubmissionSandbox prepare(int jobs, boolean sameUser, String heap, List<Path> secrets, List<Path> guarded,
                                     List<Path> unseen, Consumer<String> say, BatchStop stop) {
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
            SubmissionSandbox sandbox = new SubmissionSandbox(batch, users, jvm, say, stop);
            if (users.isPresent()) {
                sandbox.hide(unseen);
                sandbox.requireOutOfReach(users.get().all().get(0), secrets, guarded);
            }
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
            user.ifPresent(this::deleteLeftovers);
            LocalFiles.deleteTree(folder);
            Files.createDirectory(folder);
            Files.setPosixFilePermissions(folder, PRIVATE);
            Place place = new Place(folder, user, mounts);
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
     * @param mounts the mounts it starts with, if it runs as a submission user
     */
    record Place(Path folder, Optional<SubmissionUsers.User> user, Optional<PrivateMounts> mounts) {

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

        /** The command that runs {@code command} in this place, as its user, after its mounts. */
        List<String> command(List<String> command) {
            List<String> asUser = user.map(u -> SubmissionUsers.as(u, command)).orElse(command);
            return mounts.map(planned -> planned.around(asUser)).orElse(asUser);
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

    /**
     * Kills everything the run's user left running, deletes its files in the shared temporary folders and the run's
     * place, and frees its user; a user whose processes could not all be killed is retired instead, and the batch
     * stopped when no user is left.
     */
    void close(Place place) {
        close(place.folder(), place.user());
    }

    /** Kills every process of the runs going now: the batch was interrupted. */
    void killAll() {
        users.ifPresent(taken -> taken.all().forEach(SubmissionUsers::killEverything));
    }

    private void close(Path folder, Optional<SubmissionUsers.User> user) {
        if (user.isEmpty()) {
            LocalFiles.deleteTree(folder);
            return;
        }
        try {
            SubmissionUsers.killEverything(user.get());
        } catch (IllegalStateException stillRunning) {
            retire(user.get(), stillRunning.getMessage());
            throw stillRunning;
        }
        try {
            deleteLeftovers(user.get());
            LocalFiles.deleteTree(folder);
        } finally {
            users.get().release(user.get());
        }
    }

    /** Takes the user out of the batch, and stops the batch when no user is left. */
    private void retire(SubmissionUsers.User user, String why) {
        users.get().retire(user);
        say.accept("Warning: " + why + ". No other submission of this batch runs as " + user.name()
                + " (kill them: pkill -KILL -u " + user.name() + ").");
        if (users.get().usable() == 0) {
            stop.stop("no submission user is left whose processes could all be killed: kill them (pkill -KILL -u "
                    + SubmissionUsers.PREFIX + "N) and grade again");
        }
    }

    private void deleteLeftovers(SubmissionUsers.User user) {
        SubmissionUsers.deleteLeftovers(user).ifPresent(failed -> say.accept("Warning: not every file "
                + user.name() + " left in the temporary folders could be deleted: " + failed));
    }

    /**
     * Plans the mounts that hide the instructor's folders from every run, and says which cannot be hidden: those
     * that hold the batch's folder, the JDK or a program the run starts through.
     */
    private void hide(List<Path> unseen) {
        List<Path> needed = List.of(batch, Path.of(System.getProperty("java.home")), PrivateMounts.SHELL,
                PrivateMounts.MOUNT, SubmissionUsers.SETPRIV);
        PrivateMounts planned = PrivateMounts.of(unseen, needed);
        mounts = Optional.of(planned);
        say.accept("Each submission runs in a mount namespace of its own where these folders are empty: "
                + planned.hidden() + "; " + planned.scratch() + " are new and empty for each run.");
        for (PrivateMounts.InView kept : planned.inView()) {
            say.accept("Warning: " + kept.folder() + " cannot be hidden from submissions: it holds " + kept.holds()
                    + ", which they need. They can read in it what others may read; only that they cannot write "
                    + "what must be kept is checked.");
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
    private void requireOutOfReach(SubmissionUsers.User user, List<Path> secrets, List<Path> guarded) {
        List<String> reachable = new ArrayList<>();
        for (Path secret : secrets) {
            tightenIfShared(secret);
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
        List<String> started = mounts.orElseThrow().around(SubmissionUsers.as(user, List.of("true")));
        if (!startsAs(started)) {
            throw new IllegalStateException("A submission cannot start in a mount namespace of its own ("
                    + PrivateMounts.UNSHARE + " --mount as root, then an empty tmpfs mounted over "
                    + mounts.get().hidden() + "): grade-all needs root with the right to mount (in a container, "
                    + "CAP_SYS_ADMIN).");
        }
        List<String> version = mounts.get().around(SubmissionUsers.as(user, jvm.command("--version")));
        if (!startsAs(version)) {
            throw new IllegalStateException("A submission cannot start Java as " + user.name() + ": the JDK ("
                    + System.getProperty("java.home") + ") must be readable by all users. Install Java where every "
                    + "user can run it, such as /usr/lib/jvm, or add --same-user for submissions you trust.");
        }
    }

    private void tightenIfShared(Path secret) {
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
