package chat.http;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.KnownFailure;

/**
 * The proxy would not pass the request on: nothing reached the server, and sending again with the same
 * settings cannot help. Either it wants credentials it was not given or does not accept (407), or it
 * will not open a tunnel to that host at all (any other 4xx to CONNECT): a rule or a setting to change.
 */
public final class ProxyRefusedException extends RuntimeException implements KnownFailure {
    private static final long serialVersionUID = 1L;

    private final boolean credentials;

    private ProxyRefusedException(String message, boolean credentials) {
        super(message);
        this.credentials = credentials;
    }

    /** A 407: the credentials are missing or wrong. */
    public static ProxyRefusedException credentials(String message) {
        return new ProxyRefusedException(message, true);
    }

    /** Another 4xx to CONNECT: the proxy will not reach that host for anyone. */
    public static ProxyRefusedException tunnel(String message) {
        return new ProxyRefusedException(message, false);
    }

    /** Nothing reached the server: credentials to give (exit 3), or a host the proxy will not reach (5). */
    @Override
    public ErrorReport report() {
        return ErrorReport.of(credentials ? ExitCodes.AUTH : ExitCodes.UNAVAILABLE, getMessage());
    }
}
