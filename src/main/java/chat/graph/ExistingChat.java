package chat.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A group chat as a listing of chats returns it, with its members expanded.
 *
 * @param topic       null for none
 * @param created     when Graph made it; null when it does not say
 * @param lastUpdated null when Graph does not say
 * @param chat        the chat object as Graph returned it
 */
public record ExistingChat(String id, String topic, Instant created, Instant lastUpdated, List<Participant> members, ObjectNode chat) {

    /** A member as Graph lists it: by object id, and by email, which is their UPN in most tenants. */
    public record Participant(String userId, String email) {
    }
}
