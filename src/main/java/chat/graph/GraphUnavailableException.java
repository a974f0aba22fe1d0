package chat.graph;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.KnownFailure;

/**
 * No usable answer: the network failed, Graph kept failing or throttling past the retries or the
 * time allowed, or answered with something that cannot be used. Made by the two factories that say
 * which matters most: whether the chat may exist.
 *
 * @see #mayHaveCreated()
 */
public final class GraphUnavailableException extends RuntimeException implements KnownFailure {
    private static final long serialVersionUID = 1L;

    private final boolean mayHaveCreated;
    private final transient GraphError lastError;
    private final String clientRequestId;

    private GraphUnavailableException(String message, boolean mayHaveCreated, GraphError lastError,
                                      String clientRequestId) {
        super(message);
        this.mayHaveCreated = mayHaveCreated;
        this.lastError = lastError;
        this.clientRequestId = clientRequestId;
    }

    /**
     * Nothing was made: the request never arrived, or could do no harm, or was answered with an error.
     *
     * @param lastError       Graph's last error answer, or null when none came
     * @param clientRequestId null for a failure that concerns no one request
     */
    public static GraphUnavailableException nothingCreated(String message, GraphError lastError, String clientRequestId) {
        return new GraphUnavailableException(message, false, lastError, clientRequestId);
    }

    /** A group chat's create may have been processed: sending it again could make a second chat. */
    public static GraphUnavailableException perhapsCreated(String message, GraphError lastError, String clientRequestId) {
        return new GraphUnavailableException(message, true, lastError, clientRequestId);
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

    /** For a group chat that may have been created, what to do before running again. */
    @Override
    public ErrorReport report() {
        if (!mayHaveCreated) {
            return plainReport().withMayHaveCreated(false);
        }
        return plainReport().withMessage(getMessage() + "; the group chat may have been created, so the request was not "
                + "sent again (that could make a second chat): look for it in Teams before running this again "
                + "(client-request-id " + clientRequestId + ")").withMayHaveCreated(true);
    }

    /** What went wrong, and the ids to look the request up by, with no word on what it may have made. */
    public ErrorReport plainReport() {
        ErrorReport report = ErrorReport.of(ExitCodes.UNAVAILABLE, getMessage());
        return lastError == null ? report.withClientRequestId(clientRequestId)
                : lastError.report(ExitCodes.UNAVAILABLE, getMessage());
    }
}
