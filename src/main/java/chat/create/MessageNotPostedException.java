package chat.create;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.Failure;
import chat.errors.KnownFailure;
import chat.graph.GraphUnavailableException;
import chat.graph.InterruptedSendException;

/**
 * The chat is there, and its first message was not posted, or may have been: the cause says why.
 * When it may have been, it is never sent again (that could post it twice).
 */
public final class MessageNotPostedException extends RuntimeException implements KnownFailure {
    private static final long serialVersionUID = 1L;

    private final String chatId;
    private final boolean mayHavePosted;

    public MessageNotPostedException(String chatId, boolean mayHavePosted, RuntimeException cause) {
        super(cause.getMessage(), cause);
        this.chatId = chatId;
        this.mayHavePosted = mayHavePosted;
    }

    /** Graph may have taken the post before the answer was lost. */
    public boolean mayHavePosted() {
        return mayHavePosted;
    }

    /** The cause's exit code and details, told as what happened to the message: the chat is there. */
    @Override
    public ErrorReport report() {
        ErrorReport report = getCause() instanceof GraphUnavailableException unavailable ? unavailable.plainReport()
                : getCause() instanceof InterruptedSendException interrupted
                ? ErrorReport.of(ExitCodes.INTERRUPTED, "interrupted while Graph was answering")
                        .withClientRequestId(interrupted.clientRequestId())
                : Failure.describe(getCause()).withMayHaveCreated(null);
        String said = mayHavePosted
                ? "the chat " + chatId + " is there, and its message may have been posted, so it was not sent "
                        + "again (that could post it twice): look in the chat before posting it again: "
                : "the chat " + chatId + " is there, but its message was not posted: ";
        return report.withMessage(said + report.message()).withChat(chatId, mayHavePosted);
    }
}
