package chat.graph;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.KnownFailure;

/** --if-exists fail, and a group chat of the same people (and topic) exists. */
public final class ChatExistsException extends RuntimeException implements KnownFailure {
    private static final long serialVersionUID = 1L;

    private final String chatId;

    /** @param others "; other group chats of the same people: …", or empty */
    public ChatExistsException(String chatId, String others) {
        super("a group chat with these people already exists: " + chatId + " (--if-exists fail)" + others);
        this.chatId = chatId;
    }

    @Override
    public ErrorReport report() {
        return ErrorReport.of(ExitCodes.EXISTS, getMessage()).withExistingChat(chatId);
    }
}
