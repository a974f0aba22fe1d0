package chat.create;

/**
 * The chat is there, and its first message was not posted, or may have been: the cause says why.
 * When it may have been, it is never sent again (that could post it twice).
 */
public final class MessageNotPostedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String chatId;
    private final boolean mayHavePosted;

    public MessageNotPostedException(String chatId, boolean mayHavePosted, RuntimeException cause) {
        super(cause.getMessage(), cause);
        this.chatId = chatId;
        this.mayHavePosted = mayHavePosted;
    }

    public String chatId() {
        return chatId;
    }

    /** Graph may have taken the post before the answer was lost. */
    public boolean mayHavePosted() {
        return mayHavePosted;
    }
}
