package chat.http;

/** HTTPS_PROXY or HTTP_PROXY holds something the tool cannot use. */
public final class ProxyConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProxyConfigurationException(String message) {
        super(message);
    }
}
