package org.mllabs.cli.classroom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files of the instructor's that submission users must read and must not change, such as the class path: a file
 * that everybody may read and only its owner write is hard-linked (instant, and the link's permissions are the
 * file's), a file everybody may read and others may write copied and made writable by its owner alone, a folder
 * copied file by file. A file others may not read is refused: its owner keeps it private, so it is never shared.
 * Symbolic links are not followed.
 */
final class SharedCopy {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");

    private SharedCopy() {
    }

    /**
     * Puts a copy of the file or folder at {@code target}, which must not exist yet.
     *
     * @throws IllegalStateException when a file may not be read by others
     */
    static void of(Path source, Path target) throws IOException {
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> paths = Files.walk(source)) {
                for (Path path : paths.toList()) {
                    Path copy = target.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createDirectories(copy);
                        Files.setPosixFilePermissions(copy, FOLDER);
                    } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                        file(path, copy);
                    }
                }
            }
        } else if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            file(source, target);
        }
    }

    /** Makes a file readable by all, or a folder readable and enterable by all; only the owner writes either. */
    static void readableByAll(Path path) throws IOException {
        Files.setPosixFilePermissions(path, Files.isDirectory(path) ? FOLDER : FILE);
    }

    private static void file(Path source, Path target) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(source, LinkOption.NOFOLLOW_LINKS);
        if (!permissions.contains(PosixFilePermission.OTHERS_READ)) {
            throw new IllegalStateException(source + " may not be read by others (" + PosixFilePermissions.toString(
                    permissions) + "), so it is not shared with submissions, which would get it on their class path. "
                    + "If others may read it, make it so (chmod o+r) and grade again; if not, take it off the class "
                    + "path.");
        }
        boolean shareable = !permissions.contains(PosixFilePermission.GROUP_WRITE)
                && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
        if (shareable) {
            try {
                Files.createLink(target, source);
                return;
            } catch (IOException | UnsupportedOperationException otherFileSystem) {
                // another file system, or links not supported: copy it
            }
        }
        Files.copy(source, target);
        Files.setPosixFilePermissions(target, FILE);
    }
}
