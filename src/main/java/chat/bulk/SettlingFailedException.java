package chat.bulk;

import chat.errors.ErrorReport;
import chat.errors.Failure;
import chat.errors.KnownFailure;

/**
 * An earlier run sent this group chat without learning what came of it, and the look for the chat
 * failed: it may exist, so the line stays unsettled and the next run looks again, never sends blind.
 */
public final class SettlingFailedException extends RuntimeException implements KnownFailure {
    private static final long serialVersionUID = 1L;

    SettlingFailedException(RuntimeException lookFailed) {
        super(lookFailed.getMessage() + "; an earlier run sent this chat and may have created it: it will be looked "
                + "for again, not sent blind", lookFailed);
    }

    /** The look's exit code and details: the chat may exist. */
    @Override
    public ErrorReport report() {
        return Failure.describe(getCause()).withMessage(getMessage()).withMayHaveCreated(true);
    }
}
