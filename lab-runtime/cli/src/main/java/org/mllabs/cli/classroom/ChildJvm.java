package org.mllabs.cli.classroom;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.mllabs.cli.LabCommand;
import org.mllabs.runtime.spark.SparkJvmOptions;

/**
 * Starts the {@code lab} command in a new JVM with the code of this one: the same {@code java}, the same class path
 * (the {@code lab.jar} whose manifest names its libraries, or a test's list of folders and jars), the Spark
 * {@code --add-opens} options, a heap limit and the quick JIT the {@code lab} script gives every command (a lab run
 * lives under a minute on a few cores, where the optimising compiler costs more than it gives). The class path and options go in an argument file, so a long class
 * path never meets the operating system's limit on one argument's length.
 */
final class ChildJvm {

    private final Path java;
    private final Path argumentFile;
    private final String heap;

    private ChildJvm(Path java, Path argumentFile, String heap) {
        this.java = java;
        this.argumentFile = argumentFile;
        this.heap = heap;
    }

    /**
     * A child JVM like this one.
     *
     * @param heap the {@code -Xmx} value, such as {@code 2g}
     * @param work a folder for the argument file
     */
    static ChildJvm likeThisOne(String heap, Path work) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> options = new ArrayList<>(List.of("-cp", absoluteClassPath()));
        options.addAll(SparkJvmOptions.addOpens());
        Path file = work.resolve("child-jvm.args");
        try {
            Files.createDirectories(work);
            Files.writeString(file, options.stream().map(ChildJvm::quote).collect(Collectors.joining("\n")) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return new ChildJvm(java, file, heap);
    }

    /** The command line that runs {@code lab} with these arguments. */
    List<String> command(String... labArguments) {
        List<String> command = new ArrayList<>(List.of(java.toString(), "@" + argumentFile, "-Xmx" + heap,
                "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=240m",
                LabCommand.class.getName()));
        command.addAll(List.of(labArguments));
        return command;
    }

    /** The class path with every entry absolute, because the child works in another folder. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** An argument file's quoting: double quotes, with backslashes and quotes escaped. */
    private static String quote(String argument) {
        return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
