package org.mllabs.lab05;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rows a model is trained on and the rows it is evaluated on.
 *
 * @param train the training rows
 * @param test the test rows, which the model never sees while it is fitted
 */
record Split(Dataset<Row> train, Dataset<Row> test) {

    /**
     * A random split: each row goes to the training side with the probability {@code trainFraction}, whatever its
     * label, so the share of a class on each side is right only on average.
     */
    static Split random(Dataset<Row> data, double trainFraction, long seed) {
        Dataset<Row>[] sides = data.randomSplit(new double[] {trainFraction, 1 - trainFraction}, seed);
        return new Split(sides[0], sides[1]);
    }

    /** The same split with both sides cached: computed once, and every use sees the same rows. */
    Split cached() {
        return new Split(train.cache(), test.cache());
    }
}
