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
 * file's), any other file copied and made readable by all, a folder copied file by file. Symbolic links are not
 * followed.
 */
final class SharedCopy {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");

    private SharedCopy() {
    }

    /** Puts a copy of the file or folder at {@code target}, which must not exist yet. */
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
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(source);
        boolean shareable = permissions.contains(PosixFilePermission.OTHERS_READ)
                && !permissions.contains(PosixFilePermission.GROUP_WRITE)
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
