package org.mllabs.grading.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.RepositoryLayout;

/**
 * A grader module's folder: the folder of {@code graders/} whose {@code target/test-classes} holds the test's class,
 * found by the class's name rather than from the working directory or where the class was loaded from, since every
 * grader's tests run in one JVM ({@code graders/suite}) from copies of their classes. It holds the module's realistic
 * wrong submissions and its Python checks.
 *
 * @param directory the grader module's folder
 */
public record GraderModule(Path directory) {

    /**
     * The grader module whose tests include the given class.
     *
     * @throws IllegalStateException when no grader module of this checkout, or more than one, has compiled it
     */
    public static GraderModule of(Class<?> testClass) {
        Path graders = RepositoryLayout.locate(LabEnvironment.current()).graders();
        String classFile = "target/test-classes/" + testClass.getName().replace('.', '/') + ".class";
        List<Path> modules;
        try (Stream<Path> folders = Files.list(graders)) {
            modules = folders.filter(folder -> Files.isRegularFile(folder.resolve(classFile))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the grader modules in " + graders, e);
        }
        if (modules.size() != 1) {
            throw new IllegalStateException(modules.size() + " grader modules in " + graders + " have compiled "
                    + testClass.getName() + " " + modules + "; exactly one should: build the graders again");
        }
        return new GraderModule(modules.get(0));
    }

    /** Where the module keeps its realistic wrong submissions and valid alternatives. */
    public Path mutants() {
        return directory.resolve("src/test/resources/mutants.yaml");
    }

    /** Where the module keeps the pytest files run against its reference solution's output, if it has any. */
    public Path pythonChecks() {
        return directory.resolve("src/test/python");
    }

    /** Gives a test, or a factory of its arguments, the module of the test's class. */
    public static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == GraderModule.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return GraderModule.of(context.getRequiredTestClass());
        }
    }
}
