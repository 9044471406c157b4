package org.mllabs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.report.ReportDirectory;
import org.mllabs.grading.report.ReportFormat;
import org.mllabs.runtime.LearnerId;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code lab grade}'s report files: which formats, and where. */
final class ReportOptions {

    @Option(names = "--report", split = ",", paramLabel = "<format>", converter = FormatConverter.class,
            description = "Also write the grade as files: json (Gradescope's results.json), junit (JUnit XML), "
                    + "markdown, html; several separated by commas.")
    private List<ReportFormat> formats = new ArrayList<>();

    @Option(names = "--output", paramLabel = "<dir>",
            description = "Where --report writes (default: $MLLABS_HOME/reports/<learner>/<lab>).")
    private Path output;

    /**
     * The directory to write into, created now so that a bad path is found before grading; empty without
     * {@code --report}.
     */
    Optional<ReportDirectory> directory(CliSession session, LearnerId learner, String labId) {
        if (formats.isEmpty()) {
            if (output != null) {
                throw new IllegalArgumentException("--output says where --report writes; add --report with one or more "
                        + "of json, junit, markdown, html.");
            }
            return Optional.empty();
        }
        return Optional.of(ReportDirectory.create(output != null ? output
                : session.home().root().resolve("reports").resolve(learner.value()).resolve(labId)));
    }

    /** Writes each format asked for; returns the files written. */
    List<Path> write(GradeReport report, ReportDirectory directory, boolean showHidden) {
        List<Path> written = new ArrayList<>();
        for (ReportFormat format : formats) {
            written.addAll(format.writer(showHidden).write(report, directory));
        }
        return written;
    }

    /** Reads a format's name in any case; an unknown one is a usage error that lists the formats. */
    static final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.named(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
