package org.mllabs.runtime.automl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mllabs.runtime.lab.LabCompiler;

/**
 * A trial's generated source (as AutoML logs it under {@code trial/Trial_<n>.java}, edited or not), compiled with the
 * JDK's compiler against the running JVM's class path and loaded, so that code can call its pieces:
 *
 * <pre>{@code
 * GeneratedTrial trial = GeneratedTrial.compile(source, context.workDirectory().resolve("trial"));
 * Dataset<Row>[] split = trial.split(spark);
 * PipelineModel model = new Pipeline().setStages(trial.stages()).fit(split[0]);
 * double metric = trial.evaluator().evaluate(model.transform(split[1]));
 * }</pre>
 */
public final class GeneratedTrial {

    private static final Pattern CLASS_NAME = Pattern.compile("public final class (\\w+)");

    private final Class<?> type;

    private GeneratedTrial(Class<?> type) {
        this.type = type;
    }

    /**
     * Compiles the source into {@code work} (emptied first) and loads its class.
     *
     * @throws org.mllabs.runtime.lab.LabCompilationException listing the errors, when it does not compile
     */
    public static GeneratedTrial compile(String source, Path work) {
        Matcher name = CLASS_NAME.matcher(source);
        if (!name.find()) {
            throw new IllegalArgumentException("The source declares no public final class: it is not a trial's source");
        }
        try {
            Path sources = Files.createDirectories(work.resolve("src"));
            Files.writeString(sources.resolve(name.group(1) + ".java"), source, StandardCharsets.UTF_8);
            Path classes = work.resolve("classes");
            LabCompiler.compile(List.of(sources), classes);
            URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    GeneratedTrial.class.getClassLoader());
            return new GeneratedTrial(loader.loadClass(name.group(1)));
        } catch (MalformedURLException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot load the compiled trial " + name.group(1), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class's name, such as {@code Trial_3}. */
    public String className() {
        return type.getSimpleName();
    }

    /** The labelled rows split as the trial split them: the training part [0] and the validation part [1]. */
    @SuppressWarnings("unchecked")
    public Dataset<Row>[] split(SparkSession spark) {
        return (Dataset<Row>[]) call("split", spark);
    }

    /** New, unfitted stages of the trial's pipeline, the extra stages first. */
    public PipelineStage[] stages() {
        return (PipelineStage[]) call("stages");
    }

    /** The evaluator of the trial's metric. */
    public Evaluator evaluator() {
        return (Evaluator) call("evaluator");
    }

    /** Fits the pipeline on the training part and returns its metric on the validation part. */
    public double validationMetric(SparkSession spark) {
        return (double) call("validationMetric", spark);
    }

    private Object call(String method, Object... arguments) {
        try {
            Class<?>[] types = arguments.length == 0 ? new Class<?>[0] : new Class<?>[] {SparkSession.class};
            return type.getMethod(method, types).invoke(null, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(className() + "." + method + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className() + " has no public static " + method + ": keep the "
                    + "generated methods when you edit it", e);
        }
    }
}
