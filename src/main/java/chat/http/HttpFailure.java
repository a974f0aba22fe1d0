package chat.http;

import java.io.IOException;

/**
 * No HTTP answer came back. Whether the request can have reached the server matters: a request
 * that never left, or that the server refused unprocessed, can always be sent again; one that may
 * have arrived, only when it is idempotent.
 */
public final class HttpFailure extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean mayHaveArrived;

    public HttpFailure(String message, boolean mayHaveArrived, Throwable cause) {
        super(message, cause);
        this.mayHaveArrived = mayHaveArrived;
    }

    public boolean mayHaveArrived() {
        return mayHaveArrived;
    }
}
