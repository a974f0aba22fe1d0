package chat.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A chat Graph made: its id, and the chat object as Graph returned it (or, for a 202 answer, what is
 * known of it).
 */
public record CreatedChat(String id, ObjectNode chat) {
}
