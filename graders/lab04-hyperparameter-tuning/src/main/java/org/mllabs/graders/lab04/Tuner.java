package org.mllabs.graders.lab04;

/** The two tunings of lab 04, each tracked as a parent run of its own name. */
enum Tuner {

    /** k-fold cross-validation: every grid point fitted once a fold. */
    CROSS_VALIDATION("cross-validation"),
    /** One train/validation split: every grid point fitted once. */
    TRAIN_VALIDATION_SPLIT("train-validation-split");

    private final String runName;

    Tuner(String runName) {
        this.runName = runName;
    }

    /** The name of the tuning's parent run. */
    String runName() {
        return runName;
    }

    @Override
    public String toString() {
        return runName;
    }
}
