package org.mllabs.cli.classroom;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.mllabs.cli.LabCommand;
import org.mllabs.runtime.spark.SparkJvmOptions;

/**
 * Starts the {@code lab} command in a new JVM with the code of this one: the same {@code java}, the same class path
 * (the {@code lab.jar} whose manifest names its libraries, or a test's list of folders and jars), the Spark
 * {@code --add-opens} options, a heap limit and the quick JIT the {@code lab} script gives every command (a lab run
 * lives under a minute on a few cores, where the optimising compiler costs more than it gives). The class path and
 * options go in an argument file, so a long class path never meets the operating system's limit on one argument's
 * length.
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
        return withClassPath(heap, work, absoluteClassPath());
    }

    /**
     * A child JVM like this one, without the graders, whose class path other users can read and none can change:
     * each file of this JVM's class path (and of a jar's manifest {@code Class-Path}) that holds no grader
     * ({@link GraderCode}: {@code lab run} needs none) is hard-linked into {@code work/classpath}, or copied when it
     * cannot be linked or others may write it, each folder copied ({@link SharedCopy}: a file others may not read is
     * refused); {@code work} is readable by all and writable by this user alone. So a submission run as another user
     * reads the code wherever the instructor keeps it (a home folder others cannot enter), and cannot write beside
     * it; a jar's manifest names no copy ({@code lib/...} resolves to nothing beside it).
     *
     * @param heap the {@code -Xmx} value, such as {@code 2g}
     * @param work a folder of this user's for the class path and the argument file
     */
    static ChildJvm sharedWithOtherUsers(String heap, Path work) {
        Path target = work.resolve("classpath");
        List<String> entries = new ArrayList<>();
        try {
            Files.createDirectories(target);
            int index = 0;
            for (Path entry : GraderCode.leftOut(classPathWithManifests())) {
                Path copy = target.resolve(index++ + "-" + entry.getFileName());
                SharedCopy.of(entry, copy);
                entries.add(copy.toString());
            }
            SharedCopy.readableByAll(work);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot share the class path with submission users in " + target, e);
        }
        ChildJvm jvm = withClassPath(heap, work, String.join(File.pathSeparator, entries));
        try {
            SharedCopy.readableByAll(jvm.argumentFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot share " + jvm.argumentFile, e);
        }
        return jvm;
    }

    private static ChildJvm withClassPath(String heap, Path work, String classPath) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> options = new ArrayList<>(List.of("-cp", classPath));
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
        return command(List.of(), labArguments);
    }

    /** The command line that runs {@code lab} with these JVM options (such as system properties) and arguments. */
    List<String> command(List<String> jvmOptions, String... labArguments) {
        List<String> command = new ArrayList<>(List.of(java.toString(), "@" + argumentFile, "-Xmx" + heap,
                "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=240m",
                "-XX:+UseParallelGC"));
        command.addAll(jvmOptions);
        command.add(LabCommand.class.getName());
        command.addAll(List.of(labArguments));
        return command;
    }

    /** Every class path entry, each jar followed by the entries its manifest's {@code Class-Path} names. */
    private static List<Path> classPathWithManifests() throws IOException {
        Set<Path> entries = new LinkedHashSet<>();
        for (String entry : absoluteClassPath().split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.exists(path) || !entries.add(path) || !Files.isRegularFile(path)) {
                continue;
            }
            try (JarFile jar = new JarFile(path.toFile())) {
                Manifest manifest = jar.getManifest();
                String named = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                if (named != null) {
                    for (String url : named.trim().split("\\s+")) {
                        // relative to the jar (lab.jar's lib/...) or absolute (file:/..., a test runner's jar)
                        Path resolved = Path.of(path.toUri().resolve(url)).normalize();
                        if (Files.exists(resolved)) {
                            entries.add(resolved);
                        }
                    }
                }
            }
        }
        return List.copyOf(entries);
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
