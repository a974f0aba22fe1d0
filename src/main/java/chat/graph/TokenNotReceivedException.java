package chat.graph;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.KnownFailure;

/**
 * Graph answered 401 because the request reached it without a token, though chat gave it one: the
 * Authorization header was lost on the way (by chat, its Java runtime, or something in between that
 * opens TLS). A fault of chat's sending, not a judgement of the token: renewing it or signing in again
 * cannot help, and Graph acted on nothing.
 */
public final class TokenNotReceivedException extends RuntimeException implements KnownFailure {
    private static final long serialVersionUID = 1L;

    private final transient GraphError error;

    public TokenNotReceivedException(GraphError error) {
        super("Graph received the request without the access token chat gave it (" + error.summary() + "): the "
                + "Authorization header was lost on the way, by chat or its Java runtime, or by a proxy that opens TLS; "
                + "the token was not judged and Graph acted on nothing");
        this.error = error;
    }

    /** chat's fault, not the token's: exit 3 would send a person to renew a token that is fine. */
    @Override
    public ErrorReport report() {
        return error.report(ExitCodes.INTERNAL, getMessage());
    }
}
