package org.mllabs.cli.classroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mllabs.runtime.LocalFiles;

/**
 * A class's grades as a CSV file ({@code learner,lab,score,max,status,duration_s}). Each learner's row is appended
 * the moment it is known, so a batch that is interrupted loses nothing already graded, and the next run skips the
 * learners whose row has a {@linkplain LearnerStatus#isFinal() final} status. At the end the file is rewritten with
 * one row per learner and lab, sorted.
 */
public final class Gradebook {

    private final Path file;

    /** @param file the CSV file; it need not exist yet */
    public Gradebook(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /** The CSV file. */
    public Path file() {
        return file;
    }

    /**
     * The rows, in file order; none when the file does not exist. A line that is not a row, such as the last one of
     * an interrupted write, is passed over.
     *
     * @throws IllegalArgumentException when the file is not a gradebook
     */
    public List<GradebookRow> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the gradebook " + file, e);
        }
        if (!lines.isEmpty() && !lines.get(0).equals(GradebookRow.HEADER)) {
            throw new IllegalArgumentException(file + " is not a gradebook (its first line is not \""
                    + GradebookRow.HEADER + "\"): name another file with --gradebook.");
        }
        return lines.stream().skip(1).map(GradebookRow::parse).flatMap(Optional::stream).toList();
    }

    /** The learners of the lab whose latest row is final: a later run does not grade them again. */
    public Set<String> finished(String lab) {
        return latest(read()).values().stream()
                .filter(row -> row.lab().equals(lab) && row.status().isFinal())
                .map(GradebookRow::learner)
                .collect(Collectors.toSet());
    }

    /**
     * Prepares the file for a run: creates it with its header, or, to start the lab again, drops the lab's rows and
     * keeps the other labs'.
     *
     * @param lab the lab about to be graded
     * @param restart whether to drop the lab's rows
     */
    public synchronized void open(String lab, boolean restart) {
        List<GradebookRow> kept = restart ? read().stream().filter(row -> !row.lab().equals(lab)).toList() : read();
        write(kept);
    }

    /** Adds one row at the end of the file, at once. */
    public synchronized void append(GradebookRow row) {
        try {
            Files.writeString(file, row.toCsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the gradebook " + file, e);
        }
    }

    /** Rewrites the file with each learner's latest row per lab, sorted by lab and learner; returns those rows. */
    public synchronized List<GradebookRow> compact() {
        List<GradebookRow> rows = latest(read()).values().stream()
                .sorted(Comparator.comparing(GradebookRow::lab).thenComparing(GradebookRow::learner))
                .toList();
        write(rows);
        return rows;
    }

    private void write(List<GradebookRow> rows) {
        StringBuilder text = new StringBuilder(GradebookRow.HEADER).append('\n');
        rows.forEach(row -> text.append(row.toCsv()).append('\n'));
        try {
            LocalFiles.replace(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the gradebook " + file + ": check that its folder is writable",
                    e);
        }
    }

    private static Map<List<String>, GradebookRow> latest(List<GradebookRow> rows) {
        Map<List<String>, GradebookRow> latest = new LinkedHashMap<>();
        for (GradebookRow row : rows) {
            latest.put(List.of(row.lab(), row.learner()), row);
        }
        return latest;
    }
}
