package chat.graph;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.KnownFailure;

/** Graph answered with a 4xx: the request reached it and it said no. */
public final class GraphRefusedException extends RuntimeException implements KnownFailure {
    private static final long serialVersionUID = 1L;

    private final transient GraphError error;

    public GraphRefusedException(GraphError error) {
        super("Graph refused the request: " + error.summary());
        this.error = error;
    }

    public GraphError error() {
        return error;
    }

    @Override
    public ErrorReport report() {
        return error.report(ExitCodes.REFUSED, getMessage()
                + (error.requestId() == null ? "" : " (request-id " + error.requestId() + ")"));
    }
}
