package org.mllabs.serving.model;

import java.util.List;
import java.util.Optional;
import org.mllabs.serving.scoring.InputSchema;
import org.mllabs.serving.scoring.ModelInput;

/** A loaded model version an endpoint scores requests with. */
public interface ServedModel {

    /** Its signature's inputs, or empty for a model logged without a signature. */
    Optional<InputSchema> schema();

    /**
     * Scores rows, as MLflow's {@code pyfunc} wrapper of the model's flavor scores them.
     *
     * @param input the rows, their schema enforced
     * @return one prediction a row, in row order
     */
    List<Object> predict(ModelInput input);

    /**
     * Scores rows the way a model with a faster path scores them without it (a Spark pipeline: by Spark's
     * {@code transform}), the reference that path is measured against; a model with one way scores them as
     * {@link #predict} does.
     *
     * @param input the rows, their schema enforced
     * @return one prediction a row, in row order
     */
    default List<Object> predictWithReferencePath(ModelInput input) {
        return predict(input);
    }
}
