package org.mllabs.cli.classroom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The mounts a submission's run starts with, in a mount namespace of its own: started as root through
 * {@code unshare --mount --propagation private}, a small {@code sh} script mounts an empty read-only tmpfs over every
 * folder of the instructor's the run must not see (the checkout, the state directory, the gradebook's and the logs'
 * folders, the submissions, the seed's folder, the home folder) and a fresh tmpfs over each shared scratch folder
 * ({@code /var/tmp}, {@code /dev/shm}), then runs the submission's command (which {@code setpriv} starts as the
 * submission user). The folders' paths are the script's arguments, never part of its text. The mounts exist only in
 * the run's namespace and end with it; the submission user cannot undo them (no capabilities, no new privileges, and
 * mounts a user namespace inherits are locked). A folder that holds what the run needs (the batch's folder with the
 * run's place and the class path, the JDK, the programs the script runs) cannot be hidden: it stays in view, and only
 * its permissions keep the run out of it.
 */
final class PrivateMounts {

    /** The program that starts a process in a mount namespace of its own. */
    static final Path UNSHARE = Path.of("/usr/bin/unshare");
    /** The program that mounts the folders. */
    static final Path MOUNT = Path.of("/bin/mount");
    /** The shell that runs the mounting script. */
    static final Path SHELL = Path.of("/bin/sh");

    /** The shared scratch folders every run gets empty. */
    static final List<Path> SCRATCH = List.of(Path.of("/var/tmp"), Path.of("/dev/shm"));

    /** Between the hidden folders, the scratch folders and the command: never an absolute path. */
    private static final String END = "--";
    private static final String SCRIPT = String.join("\n",
            "while [ \"$1\" != " + END + " ]; do",
            "  " + MOUNT + " -t tmpfs -o ro,nosuid,nodev,noexec,mode=0555,size=4k mllabs-hidden \"$1\" || exit 125",
            "  shift",
            "done",
            "shift",
            "while [ \"$1\" != " + END + " ]; do",
            "  " + MOUNT + " -t tmpfs -o nosuid,nodev,mode=1777,size=256m mllabs-scratch \"$1\" || exit 125",
            "  shift",
            "done",
            "shift",
            "exec \"$@\"");

    /**
     * A folder of the instructor's left in view.
     *
     * @param folder the folder
     * @param holds what it holds that the run needs
     */
    record InView(Path folder, Path holds) {
    }

    private final List<Path> hidden;
    private final List<InView> inView;
    private final List<Path> scratch;

    private PrivateMounts(List<Path> hidden, List<InView> inView, List<Path> scratch) {
        this.hidden = List.copyOf(hidden);
        this.inView = List.copyOf(inView);
        this.scratch = List.copyOf(scratch);
    }

    /**
     * The mounts for these folders of the machine, each taken as its real path: folders that do not exist are left
     * out, as are scratch folders that do not exist.
     *
     * @param instructors the instructor's folders no run may see
     * @param needed what every run needs in view: the batch's folder, the JDK, the programs
     */
    static PrivateMounts of(Collection<Path> instructors, Collection<Path> needed) {
        return plan(realFolders(instructors), needed.stream().map(PrivateMounts::real).flatMap(Optional::stream)
                .toList(), realFolders(SCRATCH));
    }

    /**
     * Which folders are hidden, given absolute paths: each instructor's folder unless it holds (or is) a needed path,
     * and unless a folder around it is hidden already; each scratch folder that is neither hidden nor holds a needed
     * path.
     *
     * @param instructors the instructor's folders no run may see
     * @param needed what every run needs in view
     * @param scratch the shared scratch folders
     */
    static PrivateMounts plan(Collection<Path> instructors, Collection<Path> needed, Collection<Path> scratch) {
        List<Path> hidden = new ArrayList<>();
        List<InView> inView = new ArrayList<>();
        List<Path> folders = instructors.stream().map(Path::normalize).distinct()
                .sorted(Comparator.comparingInt(Path::getNameCount).thenComparing(Comparator.naturalOrder())).toList();
        for (Path folder : folders) {
            Optional<Path> holds = needed.stream().map(Path::normalize).filter(path -> path.startsWith(folder))
                    .findFirst();
            if (holds.isPresent()) {
                inView.add(new InView(folder, holds.get()));
            } else if (hidden.stream().noneMatch(folder::startsWith)) {
                hidden.add(folder);
            }
        }
        List<Path> fresh = scratch.stream().map(Path::normalize).distinct()
                .filter(folder -> hidden.stream().noneMatch(folder::startsWith))
                .filter(folder -> needed.stream().map(Path::normalize).noneMatch(path -> path.startsWith(folder)))
                .toList();
        return new PrivateMounts(hidden, inView, fresh);
    }

    /** The folders hidden under an empty read-only tmpfs, none inside another. */
    List<Path> hidden() {
        return hidden;
    }

    /** The instructor's folders left in view, because they hold what the run needs. */
    List<InView> inView() {
        return inView;
    }

    /** The scratch folders each run gets empty. */
    List<Path> scratch() {
        return scratch;
    }

    /** The command that runs {@code command} after these mounts, in a mount namespace of its own (run as root). */
    List<String> around(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of(UNSHARE.toString(), "--mount", "--propagation", "private",
                "--", SHELL.toString(), "-c", SCRIPT, "mllabs-private-mounts"));
        hidden.forEach(folder -> wrapped.add(folder.toString()));
        wrapped.add(END);
        scratch.forEach(folder -> wrapped.add(folder.toString()));
        wrapped.add(END);
        wrapped.addAll(command);
        return wrapped;
    }

    private static List<Path> realFolders(Collection<Path> paths) {
        return paths.stream().map(PrivateMounts::real).flatMap(Optional::stream).filter(Files::isDirectory).toList();
    }

    private static Optional<Path> real(Path path) {
        try {
            return Optional.of(path.toAbsolutePath().toRealPath());
        } catch (IOException absent) {
            return Optional.empty();
        }
    }
}
