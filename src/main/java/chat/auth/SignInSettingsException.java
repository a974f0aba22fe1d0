package chat.auth;

/**
 * A sign-in setting that cannot be used as given: a bad tenant or client id, flags that conflict, a
 * config directory that another user could change.
 */
public final class SignInSettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SignInSettingsException(String message) {
        super(message);
    }
}
