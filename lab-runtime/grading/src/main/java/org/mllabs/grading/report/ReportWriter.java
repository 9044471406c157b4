package org.mllabs.grading.report;

import java.nio.file.Path;
import java.util.List;
import org.mllabs.grading.GradeReport;

/** Writes a grade in one format. */
public interface ReportWriter {

    /**
     * Writes the grade's files.
     *
     * @param report the grade
     * @param directory where to write them
     * @return the files written, the main one first
     * @throws java.io.UncheckedIOException naming the file when it cannot be written
     */
    List<Path> write(GradeReport report, ReportDirectory directory);
}
