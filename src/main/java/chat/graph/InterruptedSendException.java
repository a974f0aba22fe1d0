package chat.graph;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.KnownFailure;

/**
 * Ctrl-C or SIGTERM while a request that must not be sent twice (a group create) was on its way or
 * being answered: Graph may have processed it.
 */
public final class InterruptedSendException extends RuntimeException implements KnownFailure {
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

    @Override
    public ErrorReport report() {
        return ErrorReport.of(ExitCodes.INTERRUPTED, getMessage()).withClientRequestId(clientRequestId)
                .withMayHaveCreated(true);
    }
}
