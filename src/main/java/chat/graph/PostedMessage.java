package chat.graph;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A message Graph posted into a chat.
 *
 * @param createdDateTime as Graph wrote it, or null when it did not say
 */
public record PostedMessage(String id, @JsonInclude(JsonInclude.Include.NON_NULL) String createdDateTime) {
}
