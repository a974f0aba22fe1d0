package chat.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A group chat as a listing of chats returns it, with its members expanded: at most 25 of them, a
 * documented known issue; {@link GraphClient#roster} has them all.
 *
 * @param topic       null for none
 * @param created     when Graph made it; null when it does not say
 * @param lastUpdated null when Graph does not say
 * @param chat        the chat object as Graph returned it
 */
public record ExistingChat(String id, String topic, Instant created, Instant lastUpdated, List<Participant> members, ObjectNode chat) {

    /**
     * A member as Graph lists it: their object id (the one stable key), their mail (not always their
     * UPN), and their home tenant.
     */
    public record Participant(String userId, String email, String tenantId) {
    }
}
