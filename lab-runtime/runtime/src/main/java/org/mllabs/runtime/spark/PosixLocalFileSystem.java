package org.mllabs.runtime.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) as labs use it: permissions set through {@code java.nio} instead of a
 * {@code chmod} process, and no checksum files written.
 *
 * <p>Without Hadoop's native library, which no Maven artifact ships, {@link RawLocalFileSystem} starts a
 * {@code chmod} process for every file it creates and every directory it makes. Writing one Spark ML model does that
 * a few dozen times (metadata, data, the output committer's directories and markers); one lab's test module started
 * about 11,000 of them. The permissions set are the same: owner, group and others' read, write and execute bits of
 * the requested permission after the umask. The sticky bit, which no lab file uses, is not set; a file system
 * without POSIX permissions falls back to Hadoop's own way.
 *
 * <p>Hadoop's checksummed file system also writes a hidden {@code .NAME.crc} beside every file. A learner who saves a
 * pipeline and logs the folder would upload them as artifacts that a Python user never asked for, and they double the
 * files every save writes. Checksums are still verified where a {@code .crc} file exists (files written elsewhere).
 */
public final class PosixLocalFileSystem extends LocalFileSystem {

    /** The Hadoop setting {@link LabSpark} points at this class. */
    public static final String SETTING = "fs.file.impl";

    /** Hadoop's local file system over the raw one below, writing no checksum files. */
    public PosixLocalFileSystem() {
        super(new Raw());
        setWriteChecksum(false);
    }

    /** The raw local file system with permissions set in process. */
    static final class Raw extends RawLocalFileSystem {

        @Override
        public void setPermission(Path path, FsPermission permission) throws IOException {
            java.nio.file.Path file = pathToFile(path).toPath();
            try {
                Files.setPosixFilePermissions(file, posix(permission));
            } catch (UnsupportedOperationException notPosix) {
                super.setPermission(path, permission);
            }
        }

        static Set<PosixFilePermission> posix(FsPermission permission) {
            Set<PosixFilePermission> bits = EnumSet.noneOf(PosixFilePermission.class);
            add(bits, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE);
            add(bits, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.GROUP_EXECUTE);
            add(bits, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                    PosixFilePermission.OTHERS_EXECUTE);
            return bits;
        }

        private static void add(Set<PosixFilePermission> bits, FsAction action, PosixFilePermission read,
                PosixFilePermission write, PosixFilePermission execute) {
            if (action.implies(FsAction.READ)) {
                bits.add(read);
            }
            if (action.implies(FsAction.WRITE)) {
                bits.add(write);
            }
            if (action.implies(FsAction.EXECUTE)) {
                bits.add(execute);
            }
        }
    }
}
