package org.mllabs.runtime.datasets;

/** The text of a dataset's CSV file as a generator writes it: the header, then one line a row, {@code \n} endings. */
final class CsvTable {

    private final LabDataset dataset;
    private final StringBuilder text = new StringBuilder();

    CsvTable(LabDataset dataset) {
        this.dataset = dataset;
        text.append(String.join(",", dataset.columnNames())).append('\n');
    }

    /** Adds a row, its cells in the order of the dataset's columns. */
    void add(String... cells) {
        if (cells.length != dataset.columns().size()) {
            throw new IllegalArgumentException(dataset.datasetName() + " has " + dataset.columns().size()
                    + " columns but the row has " + cells.length + " cells");
        }
        text.append(String.join(",", cells)).append('\n');
    }

    /** The file's text. */
    String text() {
        return text.toString();
    }
}
