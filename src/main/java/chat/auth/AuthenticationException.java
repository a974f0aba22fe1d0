package chat.auth;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.KnownFailure;

/** No credential, or one that was refused: the message says what to do next. */
public final class AuthenticationException extends RuntimeException implements KnownFailure {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A sign-in's failure, with what Graph answered when it was Graph that rejected the token. */
    @Override
    public ErrorReport report() {
        return getCause() instanceof KnownFailure known ? known.report().as(ExitCodes.AUTH, getMessage())
                : ErrorReport.of(ExitCodes.AUTH, getMessage());
    }
}
