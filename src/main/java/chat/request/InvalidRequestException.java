package chat.request;

/** The chat described on the command line (or in an input line) cannot be sent as it is. */
public final class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
