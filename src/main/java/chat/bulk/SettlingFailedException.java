package chat.bulk;

/**
 * An earlier run sent this group chat without learning what came of it, and the look for the chat
 * failed: it may exist, so the line stays unsettled and the next run looks again, never sends blind.
 */
public final class SettlingFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SettlingFailedException(RuntimeException lookFailed) {
        super(lookFailed.getMessage() + "; an earlier run sent this chat and may have created it: it will be looked "
                + "for again, not sent blind", lookFailed);
    }

    /** Why the look failed, which decides the exit code. */
    public RuntimeException lookFailed() {
        return (RuntimeException) getCause();
    }
}
