package org.mllabs.cli.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What of the instructor's class path is shared with submission users, and how. */
class SharedCopyTest {

    @TempDir
    Path work;

    private Path file(String name, String permissions) throws IOException {
        Path file = Files.writeString(work.resolve(name), name);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void aFileOthersMayNotReadIsRefusedAndNotCopied() throws IOException {
        Path secret = file("private.jar", "rw-r-----");
        Path copy = work.resolve("copy.jar");

        assertThatThrownBy(() -> SharedCopy.of(secret, copy)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(secret.toString()).hasMessageContaining("chmod o+r");
        assertThat(copy).doesNotExist();
    }

    @Test
    void aFileInAFolderOthersMayNotReadIsRefusedToo() throws IOException {
        Path classes = Files.createDirectories(work.resolve("classes/org"));
        Files.move(file("Secret.class", "rw-------"), classes.resolve("Secret.class"));

        assertThatThrownBy(() -> SharedCopy.of(work.resolve("classes"), work.resolve("copy")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Secret.class");
    }

    @Test
    void aFileAllMayReadIsLinkedOrCopiedAndWritableByItsOwnerAlone() throws IOException {
        Path shared = file("shared.jar", "rw-r--r--");
        Path writable = file("writable.jar", "rw-rw-rw-");

        SharedCopy.of(shared, work.resolve("shared-copy.jar"));
        SharedCopy.of(writable, work.resolve("writable-copy.jar"));

        assertThat(Files.isSameFile(shared, work.resolve("shared-copy.jar"))).isTrue();
        assertThat(Files.isSameFile(writable, work.resolve("writable-copy.jar"))).isFalse();
        assertThat(Files.getPosixFilePermissions(work.resolve("writable-copy.jar")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }
}
