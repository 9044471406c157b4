package org.mllabs.grading.evidence;

import java.util.Set;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;

/**
 * Tells a failure a learner's model causes when it transforms rows from one of the grading environment. The model's
 * own: Spark cannot analyse what its stages do with the columns they are given ({@link AnalysisException}, such as a
 * column it reads and is not handed), a stage refuses its input ({@link IllegalArgumentException}, as Spark ML's
 * stages do for a missing column or one of the wrong type), or Spark raises an error of its SQL states for an invalid
 * query or invalid data (classes 42 and 22), anywhere in the chain of causes. Anything else (a stopped Spark context,
 * an I/O error, a job that could not run) is left to the grader to classify as the environment's.
 */
final class ModelFault {

    private static final Set<String> MODELS_SQL_STATE_CLASSES = Set.of("42", "22");

    private ModelFault() {
    }

    /** Whether the failure is the model's own doing. */
    static boolean isModelsOwn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AnalysisException || cause instanceof IllegalArgumentException) {
                return true;
            }
            if (cause instanceof SparkThrowable spark && spark.getSqlState() != null
                    && spark.getSqlState().length() >= 2
                    && MODELS_SQL_STATE_CLASSES.contains(spark.getSqlState().substring(0, 2))) {
                return true;
            }
        }
        return false;
    }
}
