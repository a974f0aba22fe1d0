package chat.cli;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.Failure;
import chat.errors.UsageException;
import chat.json.Json;
import chat.output.OneLine;
import chat.output.OutputFormat;
import java.io.PrintWriter;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Every failure becomes one line on stderr, "chat: " first (and with -o json a JSON error line), and
 * an exit code: a command line that cannot be parsed as a usage error, in chat's words, and what a
 * command throws as {@link Failure} describes it.
 */
record Failures(PrintWriter err) implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        ErrorReport report = Failure.describe(new UsageException(UsageErrors.describe(e, args)));
        report(e.getCommandLine(), report, null);
        return report.exitCode();
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        ErrorReport report = Failure.describe(e);
        report(command, report, report.exitCode() == ExitCodes.INTERNAL ? e : null);
        return report.exitCode();
    }

    /** As the command's own --verbose and -o say, where it has them. */
    private void report(CommandLine command, ErrorReport report, Exception unexpected) {
        boolean verbose = Boolean.TRUE.equals(value(command, "--verbose"));
        if (unexpected != null && verbose) {
            unexpected.printStackTrace(err);
        }
        String hint = unexpected != null && !verbose ? " (run again with --verbose for details)" : "";
        err.println("chat: " + OneLine.of(report.message()) + hint);
        if (value(command, "--output") == OutputFormat.JSON) {
            err.println(report.toJson(Json.mapper()));
        }
        err.flush();
    }

    private static Object value(CommandLine command, String option) {
        OptionSpec spec = command.getCommandSpec().findOption(option);
        return spec == null ? null : spec.getValue();
    }
}
