package chat.http;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Requests to a host wait while the first request to it is still connecting. The JDK's client opens a
 * connection for every request made before one to its host is up, and a bulk run makes dozens at once:
 * over HTTP/2, which Graph speaks, one connection carries them all once it is there, and the others
 * are so many TLS handshakes of a cold JVM for nothing.
 */
final class FirstConnection {
    private final ConcurrentHashMap<String, CompletableFuture<Void>> byOrigin = new ConcurrentHashMap<>();

    /**
     * Returns at once for the first request to a host, or once a connection to it is up (the first one
     * under way, answered or failed), or after {@code timeout}.
     *
     * @return what to call once this request is on its way, answered or failed: a no-op but for the first
     */
    Runnable await(URI uri, Duration timeout) throws InterruptedException {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> first = byOrigin.putIfAbsent(origin(uri), mine);
        if (first == null) {
            return () -> mine.complete(null);
        }
        try {
            first.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the first is slow to connect: this one tries on a connection of its own
        }
        return () -> { };
    }

    private static String origin(URI uri) {
        return (uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort()).toLowerCase(Locale.ROOT);
    }
}
