package chat.cli;

/** A flag's or a setting's value that cannot be used: exit 2, before anything is sent. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
