package org.mllabs.runtime.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixLocalFileSystemTest {

    @TempDir
    java.nio.file.Path work;

    @Test
    void writesWhatHadoopsLocalFileSystemWritesWithTheSamePermissionsAndNoChecksumFile() throws IOException {
        try (FileSystem ours = open(PosixLocalFileSystem.class.getName());
                FileSystem hadoops = open(LocalFileSystem.class.getName())) {
            assertThat(ours).isInstanceOf(PosixLocalFileSystem.class);
            assertThat(hadoops).isNotInstanceOf(PosixLocalFileSystem.class);
            for (String mode : new String[] {"640", "755", "700", "604"}) {
                write(ours, "ours", mode);
                write(hadoops, "hadoops", mode);
                assertThat(permissions("ours/" + mode + "/dir/file")).as(mode)
                        .isEqualTo(permissions("hadoops/" + mode + "/dir/file"));
                assertThat(permissions("ours/" + mode + "/dir")).as(mode)
                        .isEqualTo(permissions("hadoops/" + mode + "/dir"));
                assertThat(Files.readString(work.resolve("ours/" + mode + "/dir/file"))).isEqualTo("rows");
                assertThat(work.resolve("hadoops/" + mode + "/dir/.file.crc")).exists();
                assertThat(work.resolve("ours/" + mode + "/dir/.file.crc")).doesNotExist();
            }
            ours.setPermission(new Path(work.resolve("ours/640/dir/file").toUri()), new FsPermission("751"));
            assertThat(permissions("ours/640/dir/file")).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE);
        }
    }

    @Test
    void labSparkUsesItOnALocalMasterOnly() {
        String key = "spark.hadoop." + PosixLocalFileSystem.SETTING;
        assertThat(LabSpark.builder().master("local[2]").settings())
                .containsEntry(key, PosixLocalFileSystem.class.getName());
        assertThat(LabSpark.builder().master("spark://127.0.0.1:7077").settings()).doesNotContainKey(key);
    }

    private FileSystem open(String implementation) throws IOException {
        Configuration conf = new Configuration(false);
        conf.set(PosixLocalFileSystem.SETTING, implementation);
        conf.set("fs.permissions.umask-mode", "022");
        return FileSystem.newInstance(URI.create("file:///"), conf);
    }

    private void write(FileSystem fs, String root, String mode) throws IOException {
        FsPermission permission = new FsPermission(mode);
        Path dir = new Path(work.resolve(root).resolve(mode).resolve("dir").toUri());
        assertThat(fs.mkdirs(dir, permission)).isTrue();
        try (OutputStream out = fs.create(new Path(dir, "file"), permission, true, 4096, (short) 1, 1 << 20,
                null)) {
            out.write("rows".getBytes(StandardCharsets.UTF_8));
        }
    }

    private Set<PosixFilePermission> permissions(String relative) throws IOException {
        return Files.getPosixFilePermissions(work.resolve(relative));
    }
}
