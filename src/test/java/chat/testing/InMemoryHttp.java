package chat.testing;

import chat.http.HttpFailure;
import chat.http.HttpSender;
import chat.http.HttpStack;
import chat.http.Request;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A run's HTTP stack with no socket, for tests whose point is that nothing is sent: every request
 * is recorded and answered with a failure that never arrived, and {@link CliRunner} fails the test
 * that sent one.
 */
public final class InMemoryHttp implements HttpStack {
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    @Override
    public void prestart() {
        // nothing to start
    }

    @Override
    public HttpSender sender() {
        return (request, timeout) -> {
            received.add(request);
            throw new HttpFailure("no network in this test", false, null);
        };
    }

    /** Every request the run tried to send. */
    public List<Request> requests() {
        return List.copyOf(received);
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
