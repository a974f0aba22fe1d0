package chat.graph;

/**
 * A message Graph posted into a chat.
 *
 * @param createdDateTime as Graph wrote it, or null when it did not say
 */
public record PostedMessage(String id, String createdDateTime) {
}
