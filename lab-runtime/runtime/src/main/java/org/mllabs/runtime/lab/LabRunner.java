package org.mllabs.runtime.lab;

import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Compiles a lab's tree (unless its classes are {@linkplain LabCompiler#upToDate up to date}), loads its entry class in
 * a class loader of its own and runs it. Whatever the lab's code does (a TODO step, a compile error, an exception) ends
 * as a {@link LabRunResult} with a message for the learner; nothing escapes and nothing in the state directory is
 * touched.
 */
public final class LabRunner {

    private LabRunner() {
    }

    /**
     * Runs one tree of a lab.
     *
     * @param variant the learner's starter tree or the reference solution
     * @param context what the lab works with
     * @param classes where the compiled classes go
     */
    public static LabRunResult run(LabDescriptor lab, LabVariant variant, LabContext context, Path classes) {
        List<Path> trees = variant.sourceTrees().stream().map(lab.directory()::resolve).toList();
        return run(lab, variant.name().toLowerCase(Locale.ROOT), trees, context, classes);
    }

    /**
     * Runs a lab from any source trees laid over each other, such as the starter tree and a mutant's files in tests.
     *
     * @param label names the trees in messages
     * @param sourceTrees a file in a later tree replaces the same file in an earlier one
     */
    public static LabRunResult run(LabDescriptor lab, String label, List<Path> sourceTrees, LabContext context,
                                   Path classes) {
        long start = System.nanoTime();
        try {
            if (LabCompiler.upToDate(sourceTrees, classes)) {
                context.log("Using the classes of " + lab.directory().getFileName() + " (" + label
                        + ") compiled before: no source changed since.");
            } else {
                context.log("Compiling " + lab.directory().getFileName() + " (" + label + ") ...");
                LabCompiler.compile(sourceTrees, classes);
            }
        } catch (LabCompilationException e) {
            return result(LabRunResult.Status.DOES_NOT_COMPILE, e.getMessage(), null, start);
        }
        try (URLClassLoader loader = new URLClassLoader("lab-" + lab.id(), new URL[] {url(classes)},
                LabRunner.class.getClassLoader())) {
            LabExercise exercise = instantiate(lab, loader);
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                exercise.run(context);
            } finally {
                thread.setContextClassLoader(previous);
            }
            return result(LabRunResult.Status.COMPLETED, lab.id() + " ran to the end.", null, start);
        } catch (StepNotDoneException e) {
            return result(LabRunResult.Status.STEP_NOT_DONE, e.getMessage()
                    + "\nSee step " + e.stepId() + " in " + lab.readme() + ".", e.stepId(), start);
        } catch (Exception | LinkageError | AssertionError e) {
            return result(LabRunResult.Status.FAILED, describe(lab, e), null, start);
        }
    }

    private static LabExercise instantiate(LabDescriptor lab, ClassLoader loader) throws ReflectiveOperationException {
        Class<?> entry = Class.forName(lab.entryClass(), true, loader);
        if (!LabExercise.class.isAssignableFrom(entry)) {
            throw new IllegalStateException(lab.entryClass() + " must implement " + LabExercise.class.getName());
        }
        try {
            return (LabExercise) entry.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException thrown) {
                throw thrown;
            }
            throw e;
        }
    }

    private static String describe(LabDescriptor lab, Throwable e) {
        String labPackage = lab.entryClass().substring(0, lab.entryClass().lastIndexOf('.') + 1);
        String where = Arrays.stream(e.getStackTrace())
                .filter(frame -> frame.getClassName().startsWith(labPackage))
                .map(frame -> "    at " + frame)
                .collect(Collectors.joining("\n"));
        StringBuilder message = new StringBuilder("The lab's code threw ").append(e);
        if (!where.isEmpty()) {
            message.append('\n').append(where);
        }
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            message.append("\n  caused by ").append(cause);
        }
        return message.append("\nFix the code and run the lab again; the runs already logged are kept.").toString();
    }

    private static URL url(Path classes) {
        try {
            return classes.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LabRunResult result(LabRunResult.Status status, String message, String step, long startNanos) {
        return new LabRunResult(status, message, Optional.ofNullable(step),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
