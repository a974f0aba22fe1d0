package chat.graph;

/**
 * Ctrl-C or SIGTERM while a request that must not be sent twice (a group create) was on its way or
 * being answered: Graph may have processed it.
 */
public final class InterruptedSendException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String clientRequestId;

    public InterruptedSendException(String clientRequestId) {
        super("interrupted while Graph was answering: the group chat may have been created; look for it in Teams, or "
                + "run again with --if-exists reuse, before making it again (client-request-id " + clientRequestId + ")");
        this.clientRequestId = clientRequestId;
    }

    public String clientRequestId() {
        return clientRequestId;
    }
}
