package org.mllabs.cli.classroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.mllabs.grading.Grader;
import org.mllabs.grading.HiddenChecks;

/**
 * Which class path entries hold a grader: a {@code grader-*.jar}, a {@code graders/<lab>/target/...} folder, or any
 * jar or folder that provides a {@link Grader} or {@link HiddenChecks} service or holds a class of
 * {@code org.mllabs.graders}. A submission's {@code lab run} needs none of them, and must get none: with a grader's
 * classes it could load the hidden checks through {@link java.util.ServiceLoader} and learn what they look for.
 */
final class GraderCode {

    private static final String PACKAGE = "org/mllabs/graders/";
    private static final Set<String> SERVICES = Set.of("META-INF/services/" + Grader.class.getName(),
            "META-INF/services/" + HiddenChecks.class.getName());

    private GraderCode() {
    }

    /** The entries that hold no grader, in their order. */
    static List<Path> leftOut(List<Path> classPath) {
        return classPath.stream().filter(entry -> !holdsGrader(entry)).toList();
    }

    /** Whether the jar or folder holds a grader, by its name or by what it holds. */
    static boolean holdsGrader(Path entry) {
        String name = entry.getFileName() == null ? "" : entry.getFileName().toString();
        if (name.startsWith("grader-") && name.endsWith(".jar") || inGradersTarget(entry)) {
            return true;
        }
        try {
            if (Files.isDirectory(entry)) {
                if (Files.isDirectory(entry.resolve(PACKAGE))) {
                    return true;
                }
                return SERVICES.stream().anyMatch(service -> Files.exists(entry.resolve(service)));
            }
            if (Files.isRegularFile(entry)) {
                try (JarFile jar = new JarFile(entry.toFile());
                     Stream<String> names = jar.stream().map(JarEntry::getName)) {
                    return names.anyMatch(file -> file.startsWith(PACKAGE) || SERVICES.contains(file));
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot tell whether " + entry + " holds a grader", e);
        }
    }

    /** Whether the entry is a build output of a grader's module: {@code graders/<lab>/target/...}. */
    private static boolean inGradersTarget(Path entry) {
        Path normalized = entry.toAbsolutePath().normalize();
        for (int index = 0; index + 2 < normalized.getNameCount(); index++) {
            if (normalized.getName(index).toString().equals("graders")
                    && normalized.getName(index + 2).toString().equals("target")) {
                return true;
            }
        }
        return false;
    }
}
