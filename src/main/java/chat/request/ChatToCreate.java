package chat.request;

import java.util.List;

/**
 * What a create-chat body says: a {@link ChatDraft} (as asked for) or a {@link ChatRequest} (every
 * person in it, ready to send). Both print the same way; only a request can be sent.
 */
public sealed interface ChatToCreate permits ChatDraft, ChatRequest {
    ChatType type();

    /** Null for none. */
    String topic();

    List<Member> members();

    /** The catalog id of a Teams app to install, or null. */
    String appId();
}
