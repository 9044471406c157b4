package org.mllabs.cli;

import java.io.UncheckedIOException;
import org.mllabs.runtime.server.MlflowServerException;
import picocli.CommandLine;

/** Turns what a sub-command throws into one clear message and a meaningful exit status. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        CommandLine.Help.ColorScheme colors = commandLine.getColorScheme();
        int status;
        String message;
        if (e instanceof MlflowServerException || e instanceof UncheckedIOException
                || e instanceof IllegalStateException) {
            status = ExitCodes.ENVIRONMENT;
            message = e.getMessage();
        } else if (e instanceof IllegalArgumentException) {
            status = ExitCodes.USAGE;
            message = e.getMessage();
        } else {
            status = ExitCodes.INTERNAL;
            message = "Unexpected error: " + e + ". Please report it with the command you ran.";
        }
        commandLine.getErr().println(colors.errorText("lab: " + message));
        commandLine.getErr().flush();
        return status;
    }
}
