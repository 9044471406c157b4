package org.mllabs.grading.evidence;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A learner's logged pipeline model that is handed only the columns its logged signature declares as inputs, the way a
 * serving endpoint hands it a request: every other column of the rows it scores (the label, the key, columns the
 * signature leaves out) travels beside the model in one struct column, named at random for each call so that no stage
 * can name it, and is put back after the model's stages ran, in place of any column of the same name the model wrote.
 * A model whose stages read the label, or any column its signature does not declare, fails to score with an
 * {@link UnscorableModelException} that says so, instead of scoring near perfectly on rows that carry the answer; so
 * does one with a SQLTransformer whose statement does more than compute columns of its rows
 * ({@link SqlStatementCheck}), before the statement is run. Other failures, which are not the model's doing
 * ({@link ModelFault}), are let through.
 *
 * <p>{@link LearnerRuns#model} loads every model bound to its signature, so every grader that re-scores a learner's
 * model through {@link #transform(Dataset)}, {@link #score} or {@link HeldOutAuc} takes this one path. Its
 * {@link #stages()} are the model's own, for checks that look inside it. A model without a signature is handed every
 * column but the labels the caller names.
 */
public final class SignatureBoundModel extends PipelineModel {

    private static final long serialVersionUID = 1L;

    /** How the struct column that carries the rows' other columns past the model is named, before a random part. */
    static final String HELD_BACK_PREFIX = "__mllabs_held_back_";

    private final PipelineModel model;
    private final Optional<LoggedSignature> signature;
    private final String source;

    private SignatureBoundModel(PipelineModel model, Optional<LoggedSignature> signature, String source) {
        super(model.uid(), model.stages());
        SqlStatementCheck.requireParsedSafe(model, source);
        this.model = model;
        this.signature = signature;
        this.source = source;
    }

    /**
     * Binds a model to the signature it was logged with.
     *
     * @param model the loaded model
     * @param signature the signature of its {@code MLmodel} file; empty when it has none
     * @param source where the model comes from, for messages, such as {@code runs:/<run>/model}
     * @throws UnscorableModelException when a SQLTransformer's statement, as parsed, does more than compute columns of
     *     its rows ({@link SqlStatementCheck})
     */
    public static SignatureBoundModel of(PipelineModel model, Optional<LoggedSignature> signature, String source) {
        return new SignatureBoundModel(model, signature, source);
    }

    /** The signature the model was logged with; empty when it has none. */
    public Optional<LoggedSignature> signature() {
        return signature;
    }

    /**
     * The model as loaded, which transforms whatever columns it is given: for comparing two copies of a model on the
     * same rows, never for scoring it.
     */
    public PipelineModel unbound() {
        return model;
    }

    /** Where the model comes from, such as {@code runs:/<run>/model}. */
    public String source() {
        return source;
    }

    /**
     * Scores rows with a model, handing it only its inputs: a bound model's signature inputs less the labels, any other
     * transformer every column but the labels. The rows come back with every column they had, the labels included,
     * beside what the model wrote.
     *
     * @throws UnscorableModelException when the model cannot score rows given only those columns
     */
    public static Dataset<Row> score(Transformer model, Dataset<?> rows, Collection<String> labels) {
        if (model instanceof SignatureBoundModel bound) {
            return bound.transform(rows, labels);
        }
        return scoreWithout(model, model::transform, rows, labels, Optional.empty(), model.getClass().getSimpleName());
    }

    /** Scores the rows, handing the model only its signature's inputs. */
    @Override
    public Dataset<Row> transform(Dataset<?> rows) {
        return transform(rows, List.of());
    }

    /**
     * Scores the rows, handing the model only its signature's inputs, never one of the labels even when the signature
     * names it.
     *
     * @throws UnscorableModelException when the model cannot score rows given only those columns
     */
    public Dataset<Row> transform(Dataset<?> rows, Collection<String> labels) {
        return scoreWithout(model, super::transform, rows, labels, signature, source);
    }

    /** What scores the rows handed to a model. */
    private interface Scoring {
        Dataset<Row> transform(Dataset<?> rows);
    }

    private static Dataset<Row> scoreWithout(Transformer stages, Scoring model, Dataset<?> rows,
                                             Collection<String> labels, Optional<LoggedSignature> signature,
                                             String source) {
        List<String> columns = List.of(rows.columns());
        Set<String> inputs = new LinkedHashSet<>(signature.map(LoggedSignature::inputNames).orElse(columns));
        inputs.removeAll(labels);
        List<String> missing = inputs.stream().filter(name -> !columns.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new UnscorableModelException(source + " declares the input columns " + missing + " in its "
                    + "signature, which the data it predicts has not: a signature names the columns the model reads");
        }
        List<String> heldBack = columns.stream().filter(name -> !inputs.contains(name)).toList();
        // a name no stage can know beforehand, so that none reads the labels by it
        String carrier = HELD_BACK_PREFIX + UUID.randomUUID().toString().replace("-", "");
        List<Column> handed = new ArrayList<>(inputs.stream().map(SignatureBoundModel::column).toList());
        if (!heldBack.isEmpty()) {
            handed.add(struct(heldBack.stream().map(SignatureBoundModel::column).toArray(Column[]::new))
                    .as(carrier));
        }
        Dataset<Row> given = rows.select(handed.toArray(Column[]::new));
        SqlStatementCheck.requireSafe(stages, given.schema(), Optional.of(carrier), source);
        Dataset<Row> scored;
        try {
            scored = model.transform(given);
        } catch (Exception e) {
            if (!ModelFault.isModelsOwn(e)) {
                throw e;
            }
            throw new UnscorableModelException(source + " cannot predict rows that carry only "
                    + (signature.isPresent() ? "its signature's inputs " : "the columns ") + inputs
                    + (labels.isEmpty() ? "" : ", without the label " + String.join(", ", labels)) + ": "
                    + firstLine(e), e);
        }
        if (heldBack.isEmpty()) {
            return scored;
        }
        List<String> written = List.of(scored.columns());
        if (!written.contains(carrier)) {
            throw new UnscorableModelException(source + " drops the columns it is given beyond its inputs, so its "
                    + "predictions cannot be matched with the rows' labels; keep them, as Spark's stages do");
        }
        // the rows' own columns, never a column of the same name the model wrote in their place
        List<Column> back = new ArrayList<>();
        written.stream().filter(name -> !name.equals(carrier)
                        && heldBack.stream().noneMatch(held -> held.equalsIgnoreCase(name)))
                .forEach(name -> back.add(column(name)));
        heldBack.forEach(name -> back.add(column(carrier).getField(name).as(name)));
        return scored.select(back.toArray(Column[]::new));
    }

    private static Column column(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }
}
