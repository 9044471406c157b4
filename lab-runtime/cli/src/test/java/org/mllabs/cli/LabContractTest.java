package org.mllabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mllabs.grading.Check;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GraderCatalog;
import org.mllabs.grading.Grading;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.GradingSpark;
import org.mllabs.grading.Visibility;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.RepositoryLayout;
import org.mllabs.runtime.lab.LabCatalog;
import org.mllabs.runtime.lab.LabDescriptor;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.Mutant;

/**
 * The lab contract, for every lab: one fact written in several places agrees everywhere. The step ids of
 * {@code lab.yaml} are the README's step sections, the starter's {@code // TODO} markers (mirrored by the solution's
 * {@code // DONE}, each with a {@code StepNotDoneException} of its step), and the steps the grader's checks belong to;
 * the README's table of checks has the grader's visible checks, ids and points, in order, and each step section's
 * points add up to its checks'; every mutant changes text that occurs exactly once in its file and names checks the
 * grader has (hidden ones included), and each grader has at least three mutants and one valid alternative; every
 * figure a starter's {@code StepNotDoneException} message says is a constant of the lab's code or said by the README's
 * section of that step, so the message cannot drift from either.
 */
class LabContractTest {

    private static final RepositoryLayout REPOSITORY = RepositoryLayout.locate(LabEnvironment.current());
    /** Found as the lab command finds them: built in graders/<lab>/target, which the reactor builds before this. */
    private static final GraderCatalog GRADERS = GraderCatalog.load(REPOSITORY.graders());
    private static final Pattern SECTION =
            Pattern.compile("(?m)^### (lab\\d+\\.step\\d+) .*\\(([^)]*) points?\\)\\s*$");
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| (lab\\d+\\.step[\\w.]+) \\| (\\d+) \\|");
    private static final Pattern NOT_DONE = Pattern.compile("new StepNotDoneException\\(\\s*\"([^\"]+)\"");
    private static final Pattern NOT_DONE_MESSAGE = Pattern.compile(
            "new StepNotDoneException\\(\\s*\"(lab\\d+\\.step\\d+)\",\\s*((?:\"(?:[^\"\\\\]|\\\\.)*\"[\\s+]*)+)\\)");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern NUMERIC_CONSTANT =
            Pattern.compile("static final (?:int|long|double|float) \\w+ = (\\d+(?:\\.\\d+)?)[LlDdFf]?;");
    private static final Pattern FIGURE = Pattern.compile("(?<![\\w.])\\d+(?:\\.\\d+)?(?![\\w])");
    private static final Pattern MARKER = Pattern.compile("// (TODO|DONE) (lab\\d+\\.step\\d+)\\b");

    static Stream<LabDescriptor> labs() {
        return LabCatalog.scan(REPOSITORY.labs()).all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void theStepsAreTheSameInLabYamlTheReadmeTheStarterAndTheSolution(LabDescriptor lab) throws IOException {
        List<String> steps = lab.steps().stream().map(LabDescriptor.Step::id).toList();
        List<String> expected = new ArrayList<>();
        for (int k = 1; k <= steps.size(); k++) {
            expected.add(lab.id() + ".step" + k);
        }
        assertThat(steps).as("lab.yaml's steps are " + lab.id() + ".step1, .step2, ... in order")
                .containsExactlyElementsOf(expected);
        assertThat(sectionPoints(lab).keySet()).as("the README's step sections (### <id> ... (N points))")
                .containsExactlyElementsOf(steps);
        List<String> todo = markers(lab.directory().resolve("src/main/java"), "TODO");
        List<String> done = markers(lab.directory().resolve("src/solution/java"), "DONE");
        assertThat(new TreeSet<>(todo)).as("the steps of the starter's // TODO markers")
                .containsExactlyInAnyOrderElementsOf(steps);
        assertThat(done).as("the solution's // DONE markers mirror the starter's // TODO markers")
                .containsExactlyInAnyOrderElementsOf(todo);
        assertThat(stepsNotDone(lab.directory().resolve("src/main/java"))).as("the steps the starter's "
                + "StepNotDoneExceptions name").containsExactlyInAnyOrderElementsOf(todo);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void theReadmesChecksAndPointsAreTheGradersVisibleChecks(LabDescriptor lab) throws IOException {
        List<Check> checks = visibleChecks(lab);
        String readme = Files.readString(lab.readme());
        Map<String, Integer> table = new LinkedHashMap<>();
        Matcher row = TABLE_ROW.matcher(readme);
        while (row.find()) {
            table.put(row.group(1), Integer.parseInt(row.group(2)));
        }
        Map<String, Integer> graded = new LinkedHashMap<>();
        checks.forEach(check -> graded.put(check.id(), check.points()));
        assertThat(table).as("the README's table of checks against the grader's").containsExactlyEntriesOf(graded);

        for (Map.Entry<String, Integer> section : sectionPoints(lab).entrySet()) {
            int ofChecks = checks.stream().filter(check -> stepOf(check.id()).equals(section.getKey()))
                    .mapToInt(Check::points).sum();
            assertThat(section.getValue()).as("the points in the heading of " + section.getKey())
                    .isEqualTo(ofChecks);
        }
        Set<String> steps = new TreeSet<>(lab.steps().stream().map(LabDescriptor.Step::id).toList());
        assertThat(checks).as("every check grades a step of lab.yaml")
                .allSatisfy(check -> assertThat(steps).contains(stepOf(check.id())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void everyMutantChangesOnePlaceAndNamesChecksTheGraderHas(LabDescriptor lab) throws IOException {
        Path yaml = REPOSITORY.graders().resolve(lab.directory().getFileName())
                .resolve("src/test/resources/mutants.yaml");
        assertThat(yaml).as("the grader's mutants").isRegularFile();
        Set<String> checkIds = new TreeSet<>();
        Grader grader = GRADERS.forLab(lab.id());
        Grading.allChecks(grader, context()).forEach(check -> checkIds.add(check.id()));
        List<Path> trees = List.of(lab.directory().resolve("src/main/java"),
                lab.directory().resolve("src/solution/java"));
        List<Mutant> mutants = Mutant.readAll(yaml);
        assertThat(mutants.stream().filter(Mutant::valid)).as("at least one valid alternative").isNotEmpty();
        assertThat(mutants.stream().filter(mutant -> !mutant.valid()).count()).as("at least three mutants")
                .isGreaterThanOrEqualTo(3);
        for (Mutant mutant : mutants) {
            Path file = trees.stream().map(tree -> tree.resolve(mutant.file())).filter(Files::isRegularFile)
                    .reduce((earlier, later) -> later).orElse(null);
            assertThat(file).as(mutant + ": its file " + mutant.file()).isNotNull();
            String source = Files.readString(file);
            int first = source.indexOf(mutant.replace());
            assertThat(first).as(mutant + ": the text to replace occurs in " + mutant.file()).isNotNegative();
            assertThat(source.indexOf(mutant.replace(), first + 1)).as(mutant + ": the text to replace occurs once")
                    .isNegative();
            assertThat(mutant.with()).as(mutant + ": it changes something").isNotEqualTo(mutant.replace());
            assertThat(checkIds).as(mutant + ": the checks it fails").containsAll(mutant.fails());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void everyFigureTheStarterSaysIsTheLabsConstantOrItsReadmeStep(LabDescriptor lab) throws IOException {
        Path starter = lab.directory().resolve("src/main/java");
        Set<Double> constants = new TreeSet<>();
        String readme = Files.readString(lab.readme());
        try (Stream<Path> files = Files.walk(starter)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher constant = NUMERIC_CONSTANT.matcher(Files.readString(file));
                while (constant.find()) {
                    constants.add(Double.valueOf(constant.group(1)));
                }
            }
        }
        try (Stream<Path> files = Files.walk(starter)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher notDone = NOT_DONE_MESSAGE.matcher(Files.readString(file));
                while (notDone.find()) {
                    String step = notDone.group(1);
                    String message = String.join("", literals(notDone.group(2)));
                    List<Double> said = figures(readmeSection(readme, step));
                    for (double figure : figures(message)) {
                        assertThat(constants.contains(figure) || said.contains(figure)).as(step + "'s starter "
                                + "message \"" + message + "\" says " + figure + ", which no constant of the lab's "
                                + "code holds and the README's section of " + step + " does not say: quote the "
                                + "constant by name, or make the README and the message agree").isTrue();
                    }
                }
            }
        }
    }

    /** The step a check belongs to: {@code lab07.step4.pinned} belongs to {@code lab07.step4}. */
    private static String stepOf(String checkId) {
        Matcher step = Pattern.compile("^lab\\d+\\.step\\d+").matcher(checkId);
        return step.find() ? step.group() : checkId;
    }

    private static Map<String, Integer> sectionPoints(LabDescriptor lab) throws IOException {
        Map<String, Integer> sections = new LinkedHashMap<>();
        Matcher section = SECTION.matcher(Files.readString(lab.readme()));
        while (section.find()) {
            int points = Stream.of(section.group(2).split("\\+")).map(String::strip).mapToInt(Integer::parseInt).sum();
            sections.put(section.group(1), points);
        }
        return sections;
    }

    /** The text of README's section of a step, up to the next section. */
    private static String readmeSection(String readme, String step) {
        int start = readme.indexOf("### " + step + " ");
        if (start < 0) {
            return "";
        }
        int end = readme.indexOf("\n### ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** Every number written in a text: {@code 80/20} holds 80 and 20, {@code 0.8} is one. */
    private static List<Double> figures(String text) {
        List<Double> found = new ArrayList<>();
        Matcher figure = FIGURE.matcher(text);
        while (figure.find()) {
            found.add(Double.valueOf(figure.group()));
        }
        return found;
    }

    /** The contents of the Java string literals in a concatenation such as {@code "a" + "b"}. */
    private static List<String> literals(String concatenation) {
        List<String> found = new ArrayList<>();
        Matcher literal = STRING_LITERAL.matcher(concatenation);
        while (literal.find()) {
            found.add(literal.group(1));
        }
        return found;
    }

    private static List<String> markers(Path tree, String kind) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher marker = MARKER.matcher(Files.readString(file));
                while (marker.find()) {
                    if (marker.group(1).equals(kind)) {
                        found.add(marker.group(2));
                    }
                }
            }
        }
        return found;
    }

    private static List<String> stepsNotDone(Path tree) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher thrown = NOT_DONE.matcher(Files.readString(file));
                while (thrown.find()) {
                    found.add(thrown.group(1));
                }
            }
        }
        return found;
    }

    private static List<Check> visibleChecks(LabDescriptor lab) {
        return GRADERS.forLab(lab.id()).checks(context()).stream()
                .filter(check -> check.visibility() == Visibility.VISIBLE).toList();
    }

    /** A context no check is run in: listing a grader's checks reads nothing. */
    private static GradingContext context() {
        URI nowhere = URI.create("http://127.0.0.1:1");
        return new GradingContext(new LearnerId("contract"), new MlflowServer(nowhere,
                MlflowServer.Provider.TRACKING_URI, "none"), LabMlflow.open(nowhere), new GradingSpark(),
                GradingContext.PRACTICE_SEED);
    }
}
