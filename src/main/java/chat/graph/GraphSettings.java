package chat.graph;

import java.time.Duration;

/**
 * Where and how long to talk to Graph.
 *
 * @param endpoint where requests go: the cloud's Graph host, or CHAT_GRAPH_URL's stand-in
 */
public record GraphSettings(Cloud cloud, String endpoint, int maxRetries, Duration timeout) {
}
