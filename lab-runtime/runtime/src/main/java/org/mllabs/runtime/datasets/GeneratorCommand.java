package org.mllabs.runtime.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mllabs.runtime.LabEnvironment;

/**
 * The command line of every generator: {@code [--drift] [DATASETS_FOLDER]}. Without a folder it writes into the
 * repository's {@code datasets/} (see {@link DatasetsDirectory}); {@code --drift} writes the drifted batch instead of
 * the main file.
 */
final class GeneratorCommand {

    private GeneratorCommand() {
    }

    /** Writes the batch the arguments ask for and says where. */
    static void run(DatasetGenerator generator, String[] args) throws IOException {
        Batch batch = Batch.MAIN;
        Path datasets = null;
        for (String arg : List.of(args)) {
            if (arg.equals("--drift")) {
                batch = Batch.DRIFTED;
            } else if (arg.startsWith("-") || datasets != null) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "'. Usage: "
                        + generator.getClass().getSimpleName() + " [--drift] [DATASETS_FOLDER]");
            } else {
                datasets = Path.of(arg);
            }
        }
        if (datasets == null) {
            datasets = DatasetsDirectory.locate(LabEnvironment.current(), Path.of(""));
        }
        LabDataset dataset = generator.dataset();
        Path file = datasets.resolve(dataset.datasetName()).resolve(batch.fileName(dataset));
        Files.createDirectories(file.getParent());
        Files.writeString(file, generator.csv(batch), StandardCharsets.UTF_8);
        System.out.println("Wrote " + generator.plan(batch).rows() + " rows of " + dataset.datasetName() + " to "
                + file);
    }
}
