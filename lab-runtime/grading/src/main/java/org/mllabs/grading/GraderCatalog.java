package org.mllabs.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The graders a checkout has built, found at run time the way labs are: each folder of {@code graders/} holds one
 * grader module, whose build packages it into a jar in its {@code target/} folder with a
 * {@code META-INF/services/org.mllabs.grading.Grader} entry (and its hidden checks, if any). Each jar is loaded in a
 * class loader of its own over this class's, so the lab command's class path holds no grader, a new lab needs no
 * change to it, and a jar that cannot be loaded (left from an older build) keeps only its own lab from being graded,
 * with a message saying so. A grader already on the class path (a test's) comes first.
 *
 * <p>A grader may use what {@code lab-grading} and {@code lab-runtime} bring, which the lab command has; nothing else.
 */
public final class GraderCatalog {

    private final Path gradersDirectory;
    private final List<Grader> graders = new ArrayList<>();
    private final List<String> unloadable = new ArrayList<>();

    private GraderCatalog(Path gradersDirectory) {
        this.gradersDirectory = gradersDirectory;
    }

    /**
     * The graders built under a checkout's {@code graders/} folder, and those on the class path.
     *
     * @param gradersDirectory the checkout's {@code graders/} folder
     */
    public static GraderCatalog load(Path gradersDirectory) {
        GraderCatalog catalog = new GraderCatalog(gradersDirectory);
        ClassLoader commandLoader = GraderCatalog.class.getClassLoader();
        catalog.add("the class path", commandLoader, commandLoader);
        for (Path jar : builtJars(gradersDirectory)) {
            // a loader per jar: a jar that cannot be loaded (built against another lab-grading) spoils no other lab
            ClassLoader own = new URLClassLoader("grader " + jar.getFileName(), new URL[] {url(jar)}, commandLoader);
            catalog.add(jar.toString(), own, own);
        }
        return catalog;
    }

    /** Adds the graders the loader finds whose classes the given loader defined; notes the ones it cannot load. */
    private void add(String where, ClassLoader loader, ClassLoader definedBy) {
        Iterator<Grader> found = ServiceLoader.load(Grader.class, loader).iterator();
        try {
            while (found.hasNext()) {
                Grader grader = found.next();
                if (grader.getClass().getClassLoader() == definedBy) {
                    graders.add(grader);
                }
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            unloadable.add(where + " (" + e.getMessage() + ")");
        }
    }

    /**
     * The grader of a lab.
     *
     * @throws IllegalArgumentException naming the graders there are and how to build the missing one, when none grades
     *     that lab
     */
    public Grader forLab(String labId) {
        return graders.stream().filter(g -> g.labId().equals(labId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No grader for " + labId + " is built: no jar in "
                        + gradersDirectory + "/*/target provides it (graders built: "
                        + graders.stream().map(Grader::labId).distinct().sorted().collect(Collectors.joining(", "))
                        + (unloadable.isEmpty() ? "" : "; could not be loaded: " + String.join("; ", unloadable))
                        + "). Build the graders from the repository's root with: ./mvnw -q package -DskipTests"));
    }

    /** Each grader folder's packaged jar, the newest when there are several; none for a folder not built yet. */
    private static List<Path> builtJars(Path gradersDirectory) {
        if (!Files.isDirectory(gradersDirectory)) {
            return List.of();
        }
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> folders = Files.list(gradersDirectory)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                newestJar(folder.resolve("target")).ifPresent(jars::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the graders in " + gradersDirectory, e);
        }
        return jars;
    }

    private static Optional<Path> newestJar(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> isModuleJar(file.getFileName().toString()))
                    .max(Comparator.comparing(GraderCatalog::modified));
        }
    }

    /** The module's own jar, not one of its attached jars ({@code -tests}, {@code -sources}, {@code -javadoc}). */
    private static boolean isModuleJar(String name) {
        return name.endsWith(".jar") && !name.endsWith("-tests.jar") && !name.endsWith("-sources.jar")
                && !name.endsWith("-javadoc.jar");
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(jar.toString(), e);
        }
    }
}
