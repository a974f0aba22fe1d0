package chat.bulk;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.Failure;
import chat.errors.KnownFailure;

/**
 * An earlier run posted a line's message without learning what came of it, and the chat's messages
 * could not be listed to find it: it may be there, so it is not posted again (that could post it twice).
 */
public final class PostNotSettledException extends RuntimeException implements KnownFailure {
    private static final long serialVersionUID = 1L;

    PostNotSettledException(RuntimeException lookFailed) {
        super(lookFailed.getMessage() + "; an earlier run posted the message and it may be there, but the chat's "
                + "messages could not be listed to find it (that takes Chat.Read, delegated)", lookFailed);
    }

    /** Whatever kept the look from being made, the message is not posted blind: it may be there. */
    @Override
    public ErrorReport report() {
        ErrorReport look = Failure.describe(getCause());
        ErrorReport report = ErrorReport.of(ExitCodes.UNAVAILABLE, getMessage());
        return look.status() == null ? report
                : report.withAnswer(look.status(), look.code(), look.requestId(), look.clientRequestId());
    }
}
