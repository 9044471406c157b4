package org.mllabs.runtime.datasets;

import java.time.Instant;
import java.util.List;

/**
 * Makes one dataset's rows from a fixed seed; the same seed always gives the same bytes.
 *
 * <p>Every dataset has two batches: the main one, 5,000 rows over 2024 with keys from 1, and the drifted one, 1,000
 * rows over January to March 2025 with keys from 100001, each drawn from its own seed.
 */
abstract class DatasetGenerator {

    private final LabDataset dataset;
    private final long seed;
    private final long driftedSeed;

    DatasetGenerator(LabDataset dataset, long seed, long driftedSeed) {
        this.dataset = dataset;
        this.seed = seed;
        this.driftedSeed = driftedSeed;
    }

    /** The dataset this generator makes. */
    final LabDataset dataset() {
        return dataset;
    }

    /** The seed, size and time span of a batch. */
    final BatchPlan plan(Batch batch) {
        return batch == Batch.MAIN
                ? new BatchPlan(seed, 5_000, Instant.parse("2024-01-01T00:00:00Z"), 366, 1)
                : new BatchPlan(driftedSeed, 1_000, Instant.parse("2025-01-01T00:00:00Z"), 90, 100_001);
    }

    /** The cells of one row, in the order of the dataset's columns; an empty cell is a missing value. */
    abstract String[] row(DatasetRandom random, int key, Instant time, Batch batch);

    /** The CSV text of a batch. */
    final String csv(Batch batch) {
        return csv(plan(batch), batch);
    }

    /**
     * The CSV text of a held-out batch: rows drawn like the main batch's, from another seed, with keys from 900001,
     * so no row equals a row a learner trained on. Graders score learners' models on it.
     */
    final String heldOutCsv(long heldOutSeed, int rows) {
        return csv(new BatchPlan(heldOutSeed, rows, plan(Batch.MAIN).start(), plan(Batch.MAIN).days(), 900_001),
                Batch.MAIN);
    }

    private String csv(BatchPlan plan, Batch batch) {
        DatasetRandom random = new DatasetRandom(plan.seed());
        List<Instant> times = plan.drawTimes(random);
        CsvTable table = new CsvTable(dataset);
        for (int i = 0; i < times.size(); i++) {
            table.add(row(random, plan.firstKey() + i, times.get(i), batch));
        }
        return table.text();
    }
}
