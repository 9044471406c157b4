package org.mllabs.runtime.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import org.mllabs.runtime.LabEnvironment;

/**
 * Finds the repository's {@code datasets/} folder: the one named by {@value #VARIABLE}, or else the first
 * {@code datasets/} next to a {@code pom.xml} in the start folder or above it.
 */
public final class DatasetsDirectory {

    /** The variable that names the datasets folder, for labs run outside the repository. */
    public static final String VARIABLE = "MLLABS_DATASETS";

    private DatasetsDirectory() {
    }

    /**
     * The datasets folder.
     *
     * @param environment where {@value #VARIABLE} is read
     * @param start the folder to search from, usually the current one
     * @throws IllegalStateException if the variable names no folder, or no folder above {@code start} has one
     */
    public static Path locate(LabEnvironment environment, Path start) {
        var named = environment.get(VARIABLE);
        if (named.isPresent()) {
            Path directory = Path.of(named.get()).toAbsolutePath();
            if (!Files.isDirectory(directory)) {
                throw new IllegalStateException(VARIABLE + " is " + named.get() + ", which is not a folder. "
                        + "Point it at the datasets/ folder of the mllabs repository, or unset it.");
            }
            return directory;
        }
        for (Path folder = start.toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder.resolve("datasets")) && Files.isRegularFile(folder.resolve("pom.xml"))) {
                return folder.resolve("datasets");
            }
        }
        throw new IllegalStateException("No datasets/ folder next to a pom.xml in " + start.toAbsolutePath()
                + " or any folder above it. Run from inside the mllabs repository, or set " + VARIABLE
                + " to its datasets/ folder.");
    }
}
