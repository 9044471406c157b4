package org.mllabs.cli.classroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The unprivileged system users submissions run as, {@code mllabs-submission-1}, {@code -2}, ...: one per run going
 * at once, so no run can reach another's files or processes, and none can reach the instructor's. They are created
 * with {@code useradd --system} the first time (no home, no login shell) and reused afterwards; each batch locks the
 * users it takes, so two batches at once never share one. A run is started through {@code setpriv} with the user's
 * ids, no supplementary groups, no capabilities and no new privileges, and ends with every process of that user
 * killed, detached ones included, and every file it left in the shared temporary folders deleted. A user whose
 * processes could not all be killed is retired for the rest of the batch: no other submission runs beside them.
 */
final class SubmissionUsers implements AutoCloseable {

    /** The users' names: this and a number. */
    static final String PREFIX = "mllabs-submission-";

    /** The program that starts a command as a submission user. */
    static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final Path USERADD = Path.of("/usr/sbin/useradd");
    private static final Path KILL = Path.of("/bin/kill");
    private static final Path FIND = Path.of("/usr/bin/find");
    private static final List<Path> SHARED_TEMPORARY = List.of(Path.of("/tmp"), Path.of("/var/tmp"),
            Path.of("/dev/shm"));
    private static final int MOST_USERS = 256;

    /**
     * One submission user.
     *
     * @param name the login name
     * @param uid its user id
     * @param gid its group id
     */
    record User(String name, int uid, int gid) {
    }

    private final BlockingQueue<User> free;
    private final List<User> all;
    private final Set<User> retired = ConcurrentHashMap.newKeySet();
    private final List<FileChannel> locks;

    SubmissionUsers(List<User> users, List<FileChannel> locks) {
        this.all = List.copyOf(users);
        this.free = new ArrayBlockingQueue<>(users.size(), false, users);
        this.locks = locks;
    }

    /** Why submissions cannot run as users of their own here, or empty when they can. */
    static Optional<String> unavailable() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return Optional.of("this is not Linux");
        }
        List<Path> programs = List.of(SETPRIV, USERADD, KILL, PrivateMounts.UNSHARE, PrivateMounts.MOUNT,
                PrivateMounts.SHELL, FIND);
        if (!programs.stream().allMatch(Files::isExecutable)) {
            return Optional.of("one of " + programs + " is missing (Debian: apt-get install util-linux mount passwd "
                    + "procps findutils)");
        }
        if (ownUid() != 0) {
            return Optional.of("this command does not run as root, and only root can start a process as another user");
        }
        return Optional.empty();
    }

    /**
     * Takes {@code count} submission users for this batch, creating the ones that do not exist yet.
     *
     * @param lockFolder a folder only this machine's root writes, for the users' lock files
     */
    static SubmissionUsers take(int count, Path lockFolder) {
        List<User> users = new ArrayList<>();
        List<FileChannel> locks = new ArrayList<>();
        try {
            for (int number = 1; users.size() < count && number <= MOST_USERS; number++) {
                String name = PREFIX + number;
                Optional<FileChannel> lock = lock(lockFolder.resolve(name + ".lock"));
                if (lock.isPresent()) {
                    locks.add(lock.get());
                    users.add(lookUp(name).orElseGet(() -> create(name)));
                }
            }
            if (users.size() < count) {
                throw new IllegalStateException("Other class gradings hold every submission user " + PREFIX + "1 to "
                        + MOST_USERS + ": wait for them to end.");
            }
        } catch (RuntimeException e) {
            release(locks);
            throw e;
        }
        return new SubmissionUsers(users, locks);
    }

    /** Every user of this batch. */
    List<User> all() {
        return all;
    }

    /**
     * A free user, waiting for one if every one runs a submission.
     *
     * @throws IllegalStateException when every user of the batch is retired
     */
    User acquire() throws InterruptedException {
        while (true) {
            if (usable() == 0) {
                throw new IllegalStateException("every submission user of this batch (" + all.stream()
                        .map(User::name).toList() + ") still has processes that could not be killed");
            }
            User user = free.poll(1, TimeUnit.SECONDS);
            if (user != null) {
                return user;
            }
        }
    }

    /** Gives a user back once nothing of it runs any more. */
    void release(User user) {
        free.add(user);
    }

    /** Takes a user out of the batch for good: some of its processes could not be killed. */
    void retire(User user) {
        retired.add(user);
    }

    /** How many users of the batch are not retired. */
    int usable() {
        return all.size() - retired.size();
    }

    /** The command that runs {@code command} as the user. */
    static List<String> as(User user, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of(SETPRIV.toString(), "--reuid=" + user.uid(),
                "--regid=" + user.gid(), "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs",
                "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Kills every process of the user, detached ones and their children included, and waits until none is left.
     *
     * @throws IllegalStateException when some still run after several tries
     */
    static void killEverything(User user) {
        for (int attempt = 0; attempt < 20; attempt++) {
            if (running(user).isEmpty()) {
                return;
            }
            // kill(-1) sent by the user itself reaches all of the user's processes at once, however they were started
            run(as(user, List.of(KILL.toString(), "-KILL", "-1")));
            running(user).forEach(ProcessHandle::destroyForcibly);
            sleep(50L * (attempt + 1));
        }
        throw new IllegalStateException("Processes of " + user.name() + " still run after being killed: "
                + running(user).stream().map(p -> String.valueOf(p.pid())).toList());
    }

    /**
     * Deletes every file and folder of the user's in the shared temporary folders ({@code /tmp}, {@code /var/tmp},
     * {@code /dev/shm}), on their own file systems only; call it once none of the user's processes runs.
     *
     * @return what {@code find} could not delete, else empty
     */
    static Optional<String> deleteLeftovers(User user) {
        List<String> command = new ArrayList<>(List.of(FIND.toString()));
        SHARED_TEMPORARY.stream().filter(Files::isDirectory).forEach(folder -> command.add(folder.toString()));
        command.addAll(List.of("-ignore_readdir_race", "-xdev", "-user", String.valueOf(user.uid()), "-delete"));
        Result deleted = run(command);
        return deleted.status() == 0 ? Optional.empty() : notDeleted(deleted.output());
    }

    /**
     * What of {@code find}'s complaints is about a file it could not delete: not one about a file that went away
     * while it looked (other processes' temporary files come and go).
     */
    static Optional<String> notDeleted(String findOutput) {
        List<String> complaints = findOutput.lines()
                .filter(line -> !line.isBlank() && !line.endsWith("No such file or directory")).toList();
        return complaints.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", complaints));
    }

    /** The user's processes that still run (a killed orphan the first process never reaps runs no more). */
    static List<ProcessHandle> running(User user) {
        return ProcessHandle.allProcesses()
                .filter(process -> ownedBy(process, user) && !zombie(process.pid()))
                .toList();
    }

    private static boolean ownedBy(ProcessHandle process, User user) {
        try {
            return (int) Files.getAttribute(Path.of("/proc", String.valueOf(process.pid())), "unix:uid")
                    == user.uid();
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /** Releases the batch's users for other batches. */
    @Override
    public void close() {
        release(locks);
    }

    private static void release(List<FileChannel> locks) {
        for (FileChannel lock : locks) {
            try {
                lock.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot release a submission user's lock", e);
            }
        }
    }

    /** The user id of this process: the owner of {@code /proc/self}. */
    static int ownUid() {
        try {
            return (int) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Whether the process has ended and waits to be reaped: it runs no more. */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException gone) {
            return true;
        }
    }

    private static Optional<FileChannel> lock(Path file) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldByThisProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(channel);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + file, e);
        }
    }

    private static Optional<User> lookUp(String name) {
        Result entry = run(List.of("getent", "passwd", name));
        if (entry.status() != 0) {
            return Optional.empty();
        }
        String[] fields = entry.output().strip().split(":");
        return Optional.of(new User(name, Integer.parseInt(fields[2]), Integer.parseInt(fields[3])));
    }

    private static User create(String name) {
        Result created = run(List.of(USERADD.toString(), "--system", "--user-group", "--no-create-home",
                "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", "--comment",
                "mllabs submissions", name));
        return lookUp(name).orElseThrow(() -> new IllegalStateException("Cannot create the submission user " + name
                + " with useradd: " + created.output().strip()));
    }

    /** What a short command printed and its exit status. */
    private record Result(int status, String output) {
    }

    private static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " did not end");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
