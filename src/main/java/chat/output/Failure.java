package chat.output;

import chat.auth.AuthenticationException;
import chat.auth.SignInUnreachableException;
import chat.create.Journal.JournalWriteException;
import chat.create.MessageNotPostedException;
import chat.create.NotYetSettledException;
import chat.create.PostNotSettledException;
import chat.create.RunStoppedException;
import chat.create.SettlingFailedException;
import chat.errors.UsageException;
import chat.graph.ChatExistsException;
import chat.graph.GraphRefusedException;
import chat.graph.GraphUnavailableException;
import chat.graph.InterruptedSendException;
import chat.graph.TokenNotReceivedException;
import chat.http.ProxyRefusedException;
import java.nio.file.FileSystemException;

/**
 * The one mapping of a failure to what it means for the person or script that ran chat: an exit code
 * and one line, with what -o json adds. Every command's failures, and every bulk line's, come here.
 */
public final class Failure {
    private Failure() {
    }

    public static ErrorReport describe(Throwable e) {
        if (e instanceof UsageException) {
            return ErrorReport.of(ExitCodes.USAGE, e.getMessage());
        }
        if (e instanceof ProxyRefusedException refused) {
            return ErrorReport.of(refused.credentials() ? ExitCodes.AUTH : ExitCodes.UNAVAILABLE, e.getMessage());
        }
        if (e instanceof AuthenticationException) {
            ErrorReport report = ErrorReport.of(ExitCodes.AUTH, e.getMessage());
            return e.getCause() instanceof GraphRefusedException refused ? report.withGraphError(refused.error()) : report;
        }
        if (e instanceof SignInUnreachableException || e instanceof JournalWriteException) {
            return ErrorReport.of(ExitCodes.UNAVAILABLE, e.getMessage());
        }
        if (e instanceof TokenNotReceivedException lost) {
            // chat's fault, not the token's: exit 3 would send a person to renew a token that is fine
            return ErrorReport.of(ExitCodes.INTERNAL, e.getMessage()).withGraphError(lost.error());
        }
        if (e instanceof GraphRefusedException refused) {
            String requestId = refused.error().requestId() == null ? "" : " (request-id " + refused.error().requestId() + ")";
            return ErrorReport.of(ExitCodes.REFUSED, e.getMessage() + requestId).withGraphError(refused.error());
        }
        if (e instanceof GraphUnavailableException unavailable) {
            return unavailable(unavailable);
        }
        if (e instanceof ResultNotWrittenException lost) {
            ErrorReport report = ErrorReport.of(ExitCodes.UNAVAILABLE, e.getMessage());
            return lost.chatId() == null ? report : report.withChat(lost.chatId());
        }
        if (e instanceof ChatExistsException exists) {
            return ErrorReport.of(ExitCodes.EXISTS, e.getMessage()).withExistingChat(exists.chatId());
        }
        if (e instanceof MessageNotPostedException failed) {
            return messageNotPosted(failed);
        }
        if (e instanceof NotYetSettledException) {
            return ErrorReport.of(ExitCodes.UNAVAILABLE, e.getMessage()).withMayHaveCreated(true);
        }
        if (e instanceof SettlingFailedException settling) {
            return describe(settling.lookFailed()).withMessage(e.getMessage()).withMayHaveCreated(true);
        }
        if (e instanceof RunStoppedException stopped) {
            ErrorReport report = ErrorReport.of(ExitCodes.INTERRUPTED, e.getMessage());
            return stopped.mayHaveCreated() ? report.withMayHaveCreated(true) : report;
        }
        if (e instanceof InterruptedSendException interrupted) {
            return ErrorReport.of(ExitCodes.INTERRUPTED, e.getMessage()).withClientRequestId(interrupted.clientRequestId())
                    .withMayHaveCreated(true);
        }
        if (e instanceof InterruptedException) {
            return ErrorReport.of(ExitCodes.INTERRUPTED, "interrupted");
        }
        // A file chat keeps or was given that the system will not let it use: a setting to fix, not a fault.
        Throwable io = e instanceof java.io.UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (io instanceof FileSystemException files) {
            return ErrorReport.of(ExitCodes.USAGE, "cannot use " + files.getFile()
                    + (files.getReason() == null ? "" : ": " + files.getReason())
                    + (files.getOtherFile() == null ? "" : " (" + files.getOtherFile() + ")"));
        }
        return ErrorReport.of(ExitCodes.INTERNAL, "unexpected error: " + e);
    }

    /** The cause's exit code and details, told as what happened to the message; the chat is there. */
    private static ErrorReport messageNotPosted(MessageNotPostedException e) {
        Throwable cause = e.getCause();
        ErrorReport report;
        if (cause instanceof GraphUnavailableException unavailable) {
            report = ErrorReport.of(ExitCodes.UNAVAILABLE, unavailable.getMessage());
            report = unavailable.lastError() == null ? report.withClientRequestId(unavailable.clientRequestId())
                    : report.withGraphError(unavailable.lastError());
        } else if (cause instanceof PostNotSettledException unsettled) {
            // Whatever kept the look from being made, the message is not posted blind: it may be there.
            report = ErrorReport.of(ExitCodes.UNAVAILABLE, unsettled.getMessage());
            if (unsettled.lookFailed() instanceof GraphRefusedException refused) {
                report = report.withGraphError(refused.error());
            } else if (unsettled.lookFailed() instanceof GraphUnavailableException unavailable
                    && unavailable.lastError() != null) {
                report = report.withGraphError(unavailable.lastError());
            }
        } else if (cause instanceof NotYetSettledException) {
            report = ErrorReport.of(ExitCodes.UNAVAILABLE, cause.getMessage());
        } else if (cause instanceof InterruptedSendException interrupted) {
            report = ErrorReport.of(ExitCodes.INTERRUPTED, "interrupted while Graph was answering")
                    .withClientRequestId(interrupted.clientRequestId());
        } else {
            report = describe(cause);
        }
        String said = e.mayHavePosted()
                ? "the chat " + e.chatId() + " is there, and its message may have been posted, so it was not sent "
                        + "again (that could post it twice): look in the chat before posting it again: "
                : "the chat " + e.chatId() + " is there, but its message was not posted: ";
        return report.withMessage(said + report.message()).withChatWithoutMessage(e.chatId(), e.mayHavePosted());
    }

    private static ErrorReport unavailable(GraphUnavailableException e) {
        String message = e.getMessage();
        if (e.mayHaveCreated()) {
            message += "; the group chat may have been created, so the request was not sent again (that could make "
                    + "a second chat): look for it in Teams before running this again (client-request-id "
                    + e.clientRequestId() + ")";
        }
        ErrorReport report = ErrorReport.of(ExitCodes.UNAVAILABLE, message).withMayHaveCreated(e.mayHaveCreated());
        return e.lastError() == null ? report.withClientRequestId(e.clientRequestId()) : report.withGraphError(e.lastError());
    }
}
