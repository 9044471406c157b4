package org.mllabs.runtime.datasets;

/** The batches a generator makes: the committed main file, and a later batch whose distributions have drifted. */
public enum Batch {
    /** The dataset the labs load: {@code <name>.csv}, committed. */
    MAIN,
    /** A smaller batch from the three months after the main one, with shifted distributions. */
    DRIFTED;

    /** The file this batch of the dataset is written to: {@code <name>.csv} or {@code <name>-drifted.csv}. */
    public String fileName(LabDataset dataset) {
        return this == MAIN ? dataset.fileName() : dataset.datasetName() + "-drifted.csv";
    }
}
