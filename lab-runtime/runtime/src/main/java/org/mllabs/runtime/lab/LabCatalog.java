package org.mllabs.runtime.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The labs of a checkout: every folder under {@code labs/} with a {@code lab.yaml}. */
public final class LabCatalog {

    private final List<LabDescriptor> labs;

    private LabCatalog(List<LabDescriptor> labs) {
        this.labs = labs;
    }

    /** Reads every lab under the folder, in id order. */
    public static LabCatalog scan(Path labsDirectory) {
        try (Stream<Path> children = Files.list(labsDirectory)) {
            return new LabCatalog(children
                    .filter(dir -> Files.isRegularFile(dir.resolve("lab.yaml")))
                    .map(LabDescriptor::read)
                    .sorted(Comparator.comparing(LabDescriptor::id))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + labsDirectory, e);
        }
    }

    /** All labs. */
    public List<LabDescriptor> all() {
        return labs;
    }

    /**
     * One lab, by id ({@code lab01}) or folder name ({@code lab01-mlflow-tracking}).
     *
     * @throws IllegalArgumentException naming the labs there are, when none matches
     */
    public LabDescriptor get(String idOrFolder) {
        return labs.stream()
                .filter(lab -> lab.id().equals(idOrFolder)
                        || lab.directory().getFileName().toString().equals(idOrFolder))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("There is no lab \"" + idOrFolder + "\". Labs: "
                        + labs.stream().map(LabDescriptor::id).collect(Collectors.joining(", "))
                        + " (see `lab list`)."));
    }
}
