package chat.output;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.KnownFailure;
import chat.graph.CreatedChat;
import chat.graph.PostedMessage;

/**
 * stdout would not take the result (closed, full, or a pipe nobody reads any more): exit 0 would
 * tell a script that the id was printed, and a script that finds none may create the chat again.
 * What was made is said on stderr instead.
 */
public final class ResultNotWrittenException extends RuntimeException implements KnownFailure {
    private static final long serialVersionUID = 1L;
    private static final String STDOUT_GONE = "stdout would not take it (closed, full, or a pipe nobody reads)";

    private final String chatId;

    private ResultNotWrittenException(String message, String chatId) {
        super(message);
        this.chatId = chatId;
    }

    /** A result with no chat in it: --version, --help, a dry run, status. */
    public static ResultNotWrittenException result() {
        return new ResultNotWrittenException("the result could not be written: " + STDOUT_GONE, null);
    }

    /** The chat one create made or found, whose id did not reach stdout. */
    public static ResultNotWrittenException chat(CreatedChat chat, boolean existing, PostedMessage posted) {
        return new ResultNotWrittenException("the chat " + chat.id() + " was " + (existing ? "found" : "created")
                + (posted == null ? "" : " and its message posted (" + posted.id() + ")") + ", but its id could not be "
                + "written: " + STDOUT_GONE, chat.id());
    }

    /** A bulk run's results: the lines not sent when it stopped are told with this. */
    public static ResultNotWrittenException results() {
        return new ResultNotWrittenException("not sent: the results could not be written (" + STDOUT_GONE
                + "), so the run stopped taking lines", null);
    }

    @Override
    public ErrorReport report() {
        ErrorReport report = ErrorReport.of(ExitCodes.UNAVAILABLE, getMessage());
        return chatId == null ? report : report.withChat(chatId, null);
    }
}
