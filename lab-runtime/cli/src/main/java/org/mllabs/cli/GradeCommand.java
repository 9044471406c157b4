package org.mllabs.cli;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mllabs.grading.CheckOutcome;
import org.mllabs.grading.ConsoleReport;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GraderCatalog;
import org.mllabs.grading.Grading;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.GradingSeed;
import org.mllabs.grading.report.ReportDirectory;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.lab.LabDescriptor;
import org.mllabs.runtime.server.MlflowServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lab grade <lab>}: grades the learner's work from what the MLflow server holds. */
@Command(name = "grade", description = "Grade a lab from what the MLflow server holds. Exit status 0 means full marks.")
final class GradeCommand implements Callable<Integer> {

    private final CliSession session;

    @Mixin
    private LabAndLearner target;

    @Mixin
    private ReportOptions reports;

    @Option(names = "--show-hidden",
            description = "Show the results of hidden checks (for instructors), also in --report files.")
    private boolean showHidden;

    GradeCommand(CliSession session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        LabDescriptor lab = target.lab(session);
        LearnerId learner = target.learner(session);
        Grader grader = GraderCatalog.load(session.repository().graders()).forLab(lab.id());
        Optional<ReportDirectory> directory = reports.directory(session, learner, lab.id());
        long seed = GradingSeed.resolve(session.environment(), session.home()).value();
        MlflowServer server = session.servers().connect();
        Optional<URI> serving = LabServices.serving(session, lab);
        GradeReport report;
        try (GradingContext context = GradingContext.of(learner, server, seed,
                ServerUser.credentials(session.environment(), server.trackingUri()))) {
            serving.ifPresent(context::servingAt);
            report = Grading.grade(grader, context);
        }
        session.say(new ConsoleReport(session.color(), showHidden).render(report).stripTrailing());
        if (!report.complete()) {
            // an outage is no grade: no report file, which an autograder would take for one
            CheckOutcome error = report.firstError().orElseThrow();
            session.say("Not graded: " + error.check().id() + " could not be checked because "
                    + error.result().detail() + ". This is not your work's fault: once the MLflow server answers "
                    + "(lab status)" + (lab.needsServing() ? " and the serving service does (lab serve status)" : "")
                    + ", run lab grade again." + (directory.isPresent() ? " No report was written." : ""));
            return ExitCodes.ENVIRONMENT;
        }
        directory.ifPresent(d -> reports.write(report, d, showHidden).forEach(file -> session.say("Wrote " + file)));
        session.say("MLflow UI: " + server.uiUrl());
        return report.fullMarks() ? ExitCodes.OK : ExitCodes.NOT_FULL_MARKS;
    }
}
