package chat.auth;

/** The identity provider (or managed identity endpoint) could not be reached: a network failure, not a refusal. */
public final class SignInUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SignInUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
