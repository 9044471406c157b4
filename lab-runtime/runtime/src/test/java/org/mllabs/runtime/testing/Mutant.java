package org.mllabs.runtime.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A variation of the reference solution put in by a text substitution: either a realistic wrong submission, with the
 * checks the grader must fail because of it, or ({@code valid: true}) a valid alternative the README allows, which
 * must keep full marks. Both are listed in a {@code mutants.yaml} beside a grader's tests, so each is a few readable
 * lines, not a copy of the solution. The file changed is one of the solution as it runs: a file of the solution tree,
 * or one of the given code in the starter tree that the solution does not replace, so that a mutant can also change
 * what the given code hands the steps.
 *
 * @param name a short name, such as {@code best-run-by-lowest-auc}
 * @param description the mistake, as a learner would make it
 * @param file the file to change, relative to the source trees: the solution's, or else the given code's
 * @param replace text that occurs exactly once in that file
 * @param with what it becomes
 * @param fails the checks that must fail (all others must pass or be skipped because of these); empty for a valid
 *     alternative
 * @param hint text the first failing check's message must contain; absent for a valid alternative
 * @param valid true for a valid alternative that must keep full marks
 */
public record Mutant(String name, String description, String file, String replace, String with,
                     List<String> fails, String hint, boolean valid) {

    /** Checks that the entry is either a mistake with its failures and hint, or a valid alternative with neither. */
    public Mutant {
        fails = fails == null ? List.of() : List.copyOf(fails);
        if (valid && (!fails.isEmpty() || hint != null)) {
            throw new IllegalArgumentException("Mutant " + name + " is valid: it lists no failing checks and no hint");
        }
        if (!valid && (fails.isEmpty() || hint == null)) {
            throw new IllegalArgumentException("Mutant " + name + " must list the checks it fails and a hint, "
                    + "or say valid: true");
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Reads the mutants and valid alternatives listed in a YAML file. */
    public static List<Mutant> readAll(Path yaml) {
        try {
            return List.of(YAML.readValue(yaml.toFile(), Mutant[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read mutants from " + yaml, e);
        }
    }

    /**
     * Writes the changed file into a tree of its own, to be laid over the source trees.
     *
     * @param sourceTrees the trees the solution runs from, a later one replacing an earlier one's files: the lab's
     *     {@code src/main/java} and {@code src/solution/java}
     * @param target the tree to write into
     */
    public void writeInto(List<Path> sourceTrees, Path target) {
        Path original = sourceTrees.stream().map(tree -> tree.resolve(file)).filter(Files::isRegularFile)
                .reduce((earlier, later) -> later)
                .orElseThrow(() -> new IllegalStateException("Mutant " + name + ": no file " + file + " in "
                        + sourceTrees));
        try {
            String source = Files.readString(original);
            int first = source.indexOf(replace);
            if (first < 0 || source.indexOf(replace, first + 1) >= 0) {
                throw new IllegalStateException("Mutant " + name + ": the text to replace must occur exactly once in "
                        + file + ": " + replace);
            }
            Path changed = target.resolve(file);
            Files.createDirectories(changed.getParent());
            Files.writeString(changed, source.replace(replace, with));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
