package chat.output;

import chat.auth.AuthenticationException;
import chat.auth.SignInSettingsException;
import chat.auth.SignInUnreachableException;
import chat.create.BulkInput.InvalidInputException;
import chat.create.Journal.JournalWriteException;
import chat.create.Journal.UnusableJournalException;
import chat.create.RunStoppedException;
import chat.create.SettlingFailedException;
import chat.graph.ChatExistsException;
import chat.graph.InterruptedSendException;
import chat.graph.GraphError;
import chat.graph.GraphRefusedException;
import chat.graph.GraphUnavailableException;
import chat.http.ProxyConfigurationException;
import chat.request.InvalidRequestException;

/** What a failure means for the person or script that ran chat: an exit code and one line. */
public final class Failure {
    private Failure() {
    }

    public static ErrorReport describe(Throwable e) {
        if (e instanceof InvalidRequestException || e instanceof ProxyConfigurationException
                || e instanceof SignInSettingsException) {
            return ErrorReport.of(ExitCodes.USAGE, e.getMessage());
        }
        if (e instanceof SignInUnreachableException) {
            return ErrorReport.of(ExitCodes.UNAVAILABLE, e.getMessage());
        }
        if (e instanceof AuthenticationException) {
            GraphError error = e.getCause() instanceof GraphRefusedException refused ? refused.error() : null;
            return error == null ? ErrorReport.of(ExitCodes.AUTH, e.getMessage())
                    : fromGraph(ExitCodes.AUTH, e.getMessage(), error, null);
        }
        if (e instanceof GraphRefusedException refused) {
            GraphError error = refused.error();
            String requestId = error.requestId() == null ? "" : " (request-id " + error.requestId() + ")";
            return fromGraph(ExitCodes.REFUSED, e.getMessage() + requestId, error, null);
        }
        if (e instanceof GraphUnavailableException unavailable) {
            String message = e.getMessage();
            if (unavailable.mayHaveCreated()) {
                message += "; the group chat may have been created, so the request was not sent again (that "
                        + "could make a second chat): look for it in Teams before running this again "
                        + "(client-request-id " + unavailable.clientRequestId() + ")";
            }
            GraphError last = unavailable.lastError();
            return last == null
                    ? new ErrorReport(ExitCodes.UNAVAILABLE, message, null, null, null, unavailable.clientRequestId(),
                            unavailable.mayHaveCreated(), null)
                    : fromGraph(ExitCodes.UNAVAILABLE, message, last, unavailable.mayHaveCreated());
        }
        if (e instanceof ChatExistsException exists) {
            return new ErrorReport(ExitCodes.EXISTS, e.getMessage(), null, null, null, null, null, exists.chatId());
        }
        if (e instanceof InvalidInputException || e instanceof UnusableJournalException) {
            return ErrorReport.of(ExitCodes.USAGE, e.getMessage());
        }
        if (e instanceof JournalWriteException) {
            return ErrorReport.of(ExitCodes.UNAVAILABLE, e.getMessage());
        }
        if (e instanceof SettlingFailedException settling) {
            return describe(settling.lookFailed()).withMessage(e.getMessage()).withMayHaveCreated(true);
        }
        if (e instanceof RunStoppedException stopped) {
            return new ErrorReport(ExitCodes.INTERRUPTED, e.getMessage(), null, null, null, null,
                    stopped.mayHaveCreated() ? Boolean.TRUE : null, null);
        }
        if (e instanceof InterruptedSendException interrupted) {
            return new ErrorReport(ExitCodes.INTERRUPTED, e.getMessage(), null, null, null, interrupted.clientRequestId(),
                    true, null);
        }
        if (e instanceof InterruptedException) {
            return ErrorReport.of(ExitCodes.INTERRUPTED, "interrupted");
        }
        // A file chat keeps or was given that the system will not let it use: a setting to fix, not a fault.
        Throwable io = e instanceof java.io.UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (io instanceof java.nio.file.FileSystemException files) {
            return ErrorReport.of(ExitCodes.USAGE, "cannot use " + files.getFile()
                    + (files.getReason() == null ? "" : ": " + files.getReason())
                    + (files.getOtherFile() == null ? "" : " (" + files.getOtherFile() + ")"));
        }
        return ErrorReport.of(ExitCodes.INTERNAL, "unexpected error: " + e);
    }

    private static ErrorReport fromGraph(int exitCode, String message, GraphError error, Boolean mayHaveCreated) {
        return new ErrorReport(exitCode, message, error.status(), error.code(), error.requestId(),
                error.clientRequestId(), mayHaveCreated, null);
    }
}
