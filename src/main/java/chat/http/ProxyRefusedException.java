package chat.http;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.KnownFailure;

/**
 * The proxy would not pass the request on without credentials it accepts (407): nothing reached the
 * server, and sending again with the same settings cannot help.
 */
public final class ProxyRefusedException extends RuntimeException implements KnownFailure {
    private static final long serialVersionUID = 1L;

    public ProxyRefusedException(String message) {
        super(message);
    }

    /** Nothing reached Graph: the proxy asks for credentials, or refused those given. */
    @Override
    public ErrorReport report() {
        return ErrorReport.of(ExitCodes.AUTH, getMessage());
    }
}
