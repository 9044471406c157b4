package org.mllabs.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFilesTest {

    @TempDir
    Path temp;

    @Test
    void deletesADirectoryWithEverythingUnderItAndLeavesItsNeighbours() throws IOException {
        Path tree = temp.resolve("tree");
        Files.createDirectories(tree.resolve("a/b"));
        Files.writeString(tree.resolve("a/b/file.txt"), "x");
        Files.writeString(tree.resolve("top.txt"), "y");
        Files.writeString(temp.resolve("neighbour.txt"), "z");

        LocalFiles.deleteTree(tree);

        assertThat(tree).doesNotExist();
        assertThat(temp.resolve("neighbour.txt")).exists();
    }

    @Test
    void aMissingDirectoryIsFine() {
        LocalFiles.deleteTree(temp.resolve("absent"));

        assertThat(temp.resolve("absent")).doesNotExist();
    }
}
