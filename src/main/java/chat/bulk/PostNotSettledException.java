package chat.bulk;

/**
 * An earlier run posted a line's message without learning what came of it, and the chat's messages
 * could not be listed to find it: it may be there, so it is not posted again (that could post it twice).
 */
public final class PostNotSettledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PostNotSettledException(RuntimeException lookFailed) {
        super(lookFailed.getMessage() + "; an earlier run posted the message and it may be there, but the chat's "
                + "messages could not be listed to find it (that takes Chat.Read, delegated)", lookFailed);
    }

    /** Why the look failed. */
    public RuntimeException lookFailed() {
        return (RuntimeException) getCause();
    }
}
