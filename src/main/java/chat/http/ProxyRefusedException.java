package chat.http;

/**
 * The proxy would not pass the request on without credentials it accepts (407): nothing reached the
 * server, and sending again with the same settings cannot help.
 */
public final class ProxyRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProxyRefusedException(String message) {
        super(message);
    }
}
