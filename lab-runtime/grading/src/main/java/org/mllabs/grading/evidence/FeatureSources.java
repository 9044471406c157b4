package org.mllabs.grading.evidence;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.ml.PredictionModel;
import org.mllabs.grading.Problems;
import org.mllabs.grading.evidence.PipelineStages.Stage;

/**
 * Which columns of the data the models of a pipeline learn from, traced stage by stage ({@link PipelineStages}),
 * whatever the stages and their columns are called: never the label (a feature computed from what the model predicts
 * scores well on rows whose label is known and not at all on new ones), and only the columns a lab's README lets feed
 * them. Every stage that predicts is checked (every {@link PredictionModel}, wherever it stands), not only the last
 * stage, which may read nothing of what the classifier reads; a pipeline without one has its last stage checked. A
 * stage the grader cannot trace may read anything, so it is refused too.
 *
 * <pre>{@code
 * FeatureSources.expectFrom(stages, "churned", Set.of("tenure_months", "contract"), problems.about("model/"));
 * }</pre>
 */
public final class FeatureSources {

    private FeatureSources() {
    }

    /**
     * Adds a problem for each way the columns a predicting stage (or, without one, the last stage) reads are made from
     * other data columns than the allowed ones: from the label, through a stage the grader cannot trace, or from
     * columns the README does not allow.
     *
     * @param stages the pipeline
     * @param label the label column of the data
     * @param allowed the data columns the model may learn from (the label never, even when listed)
     * @param problems where to add the problems
     */
    public static void expectFrom(PipelineStages stages, String label, Collection<String> allowed,
                                  Problems problems) {
        Optional<Stage> last = stages.last();
        if (last.isEmpty()) {
            return;
        }
        for (Stage untraced : stages.untraced()) {
            problems.add("cannot tell which columns " + untraced.kind() + " (stage " + (untraced.position() + 1)
                    + ") reads and writes, so it may feed the label to the model: build the features with Spark's "
                    + "feature transformers or a SQLTransformer");
        }
        List<Stage> models = stages.ofType(PredictionModel.class);
        for (Stage model : models.isEmpty() ? List.of(last.get()) : models) {
            expectFrom(stages, model, model.equals(last.get()), label, allowed, problems);
        }
    }

    private static void expectFrom(PipelineStages stages, Stage model, boolean isLast, String label,
                                   Collection<String> allowed, Problems problems) {
        for (String input : model.inputs()) {
            String named = isLast ? "the model's input " + input
                    : "the input " + input + " of " + model.kind() + " (stage " + (model.position() + 1) + ")";
            Set<String> sources = stages.sources(input);
            if (sources.contains(label)) {
                List<String> path = stages.path(input, label);
                problems.add(named + " is computed from the label " + label + " ("
                        + String.join(" <- ", path) + maker(stages, path, label) + "): a feature must come only from "
                        + "what a caller of the model sends it, never from what the model predicts");
            }
            Set<String> outside = new LinkedHashSet<>(sources);
            outside.removeAll(allowed);
            outside.remove(label);
            if (!outside.isEmpty()) {
                problems.add(named + " is computed from " + outside + ", expected only columns among "
                        + allowed);
            }
        }
    }

    /** The stage that makes the path's last derived column from the label, such as {@code , by SQLTransformer}. */
    private static String maker(PipelineStages stages, List<String> path, String label) {
        if (path.size() < 2) {
            return "";
        }
        String derived = path.get(path.size() - 2);
        return stages.stages().stream()
                .filter(stage -> stage.outputs().contains(derived) && stage.inputsOf(derived).contains(label))
                .findFirst().map(stage -> ", made by " + stage).orElse("");
    }
}
