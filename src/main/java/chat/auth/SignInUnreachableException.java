package chat.auth;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.KnownFailure;

/** The identity provider (or managed identity endpoint) could not be reached: a network failure, not a refusal. */
public final class SignInUnreachableException extends RuntimeException implements KnownFailure {
    private static final long serialVersionUID = 1L;

    public SignInUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorReport report() {
        return ErrorReport.of(ExitCodes.UNAVAILABLE, getMessage());
    }
}
