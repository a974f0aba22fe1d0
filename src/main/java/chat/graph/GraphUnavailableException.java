package chat.graph;

/**
 * No usable answer: the network failed, Graph kept failing or throttling past the retries or the
 * time allowed. When a group chat's request may have arrived, the chat may exist.
 *
 * @see #mayHaveCreated()
 */
public final class GraphUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int attempts;
    private final boolean mayHaveCreated;
    private final transient GraphError lastError;
    private final String clientRequestId;

    public GraphUnavailableException(String message, int attempts, boolean mayHaveCreated, GraphError lastError,
                                     String clientRequestId) {
        super(message);
        this.attempts = attempts;
        this.mayHaveCreated = mayHaveCreated;
        this.lastError = lastError;
        this.clientRequestId = clientRequestId;
    }

    /** Graph answered, with an error or with nothing usable, and nothing was made. */
    public static GraphUnavailableException answered(String message, GraphError error, String clientRequestId) {
        return new GraphUnavailableException(message, 1, false, error, clientRequestId);
    }

    public int attempts() {
        return attempts;
    }

    /** A group chat was perhaps created: sending again could make a second one. */
    public boolean mayHaveCreated() {
        return mayHaveCreated;
    }

    /** The last error answer, or null when the last attempt got none. */
    public GraphError lastError() {
        return lastError;
    }

    public String clientRequestId() {
        return clientRequestId;
    }
}
