package org.mllabs.cli.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which class path entries a submission's {@code lab run} is given: none that holds a grader. */
class GraderCodeTest {

    private static final String GRADER = "org.mllabs.graders.lab01.TrackingGrader";
    private static final String HIDDEN_CHECKS = "org.mllabs.grading.HiddenChecks";

    @TempDir
    Path work;

    @Test
    void aGraderIsKnownByItsNameOrByWhatItHolds() throws IOException {
        Path byName = jar("grader-lab01-mlflow-tracking-1.0.jar", "org/mllabs/lab01/Other.class");
        Path byService = jar("tools.jar", "META-INF/services/" + HIDDEN_CHECKS);
        Path byPackage = folder("build/classes", "org/mllabs/graders/lab02/Checks.class");
        Path byBuild = Files.createDirectories(work.resolve("graders/lab03-mllib-training/target/classes"));
        Path runtime = jar("lab-runtime-1.0.jar", "org/mllabs/runtime/LabHome.class");
        Path cli = folder("lab-runtime/cli/target/classes", "org/mllabs/cli/LabCommand.class");

        assertThat(List.of(byName, byService, byPackage, byBuild)).allMatch(GraderCode::holdsGrader);
        assertThat(GraderCode.leftOut(List.of(cli, byName, runtime, byService, byPackage, byBuild)))
                .containsExactly(cli, runtime);
    }

    @Test
    void thisClassPathWithoutItsGradersRunsTheLabCommandAndLoadsNoGraderNorHiddenChecks() throws Exception {
        List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        try (URLClassLoader whole = loader(classPath)) {
            assertThat(whole.loadClass(GRADER)).as("the test could fail").isNotNull();
        }

        try (URLClassLoader child = loader(GraderCode.leftOut(classPath))) {
            assertThat(child.loadClass("org.mllabs.cli.LabCommand")).isNotNull();
            assertThatThrownBy(() -> child.loadClass(GRADER)).isInstanceOf(ClassNotFoundException.class);
            assertThat(ServiceLoader.load(child.loadClass(HIDDEN_CHECKS), child).findFirst()).isEmpty();
        }
    }

    private static URLClassLoader loader(List<Path> classPath) throws MalformedURLException {
        URL[] urls = new URL[classPath.size()];
        for (int index = 0; index < urls.length; index++) {
            urls[index] = classPath.get(index).toUri().toURL();
        }
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    private Path jar(String name, String entry) throws IOException {
        Path jar = work.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(1);
            out.closeEntry();
        }
        return jar;
    }

    private Path folder(String name, String file) throws IOException {
        Path folder = work.resolve(name);
        Files.createDirectories(folder.resolve(file).getParent());
        Files.write(folder.resolve(file), new byte[] {1});
        return folder;
    }
}
