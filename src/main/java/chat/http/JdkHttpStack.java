package chat.http;

import chat.errors.UsageException;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The JDK's HTTP client as the run's stack, for Graph and sign-in alike: one proxy, one TLS context,
 * one connection pool. It can be started on a background thread before the command line is even parsed,
 * since setting up TLS is most of a cold run's time, and it is shut down when the run ends, so that
 * no thread is left waiting in native code for the JVM's exit to wait on.
 */
public final class JdkHttpStack implements HttpStack {
    /** Connecting is bounded by this and, like the rest of a request, by the request's own time limit. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    private final Map<String, String> env;
    private final Supplier<SSLContext> tls;
    private CompletableFuture<HttpClient> client;
    private boolean closed;

    public JdkHttpStack(Map<String, String> env, Supplier<SSLContext> tls) {
        this.env = env;
        this.tls = tls;
    }

    @Override
    public synchronized void prestart() {
        if (client != null || closed) {
            return;
        }
        Optional<ProxySettings> proxy;
        try {
            proxy = ProxySettings.from(env);
        } catch (UsageException e) {
            return; // reported by sender(), where the command can say so
        }
        if (proxy.isPresent() && proxy.get().hasCredentials()) {
            allowBasicForTunnels();
        }
        client = new CompletableFuture<>();
        Thread builder = new Thread(() -> {
            try {
                HttpClient built = build(proxy);
                if (!client.complete(built) || isClosed()) {
                    shutdown(built);
                }
            } catch (RuntimeException | Error e) {
                client.completeExceptionally(e);
            }
        }, "chat-http-setup");
        builder.setDaemon(true);
        builder.start();
    }

    /** The proxy settings are checked here, so bad ones fail before anything is sent. */
    @Override
    public HttpSender sender() {
        Optional<ProxySettings> proxy = ProxySettings.from(env);
        prestart();
        CompletableFuture<HttpClient> ready;
        synchronized (this) {
            ready = client;
        }
        return new JdkHttpSender(ready, proxy);
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private HttpClient build(Optional<ProxySettings> proxy) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .sslContext(tls.get())
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        // No Authenticator, even for a proxy's credentials: with one, Java 17's client drops the
        // Authorization header chat sets (JDK-8326949, fixed in 24). JdkHttpSender sends them itself.
        proxy.ifPresent(builder::proxy);
        return builder.build();
    }

    /**
     * The JDK leaves Basic credentials off the CONNECT of an HTTPS tunnel, even a Proxy-Authorization
     * header of chat's own, unless this property is cleared; it reads it once, when its HTTP classes
     * first initialise: so here, on the calling thread, before the client is built in the background and
     * before any request is. An explicit setting of the user's is kept.
     */
    private static void allowBasicForTunnels() {
        if (System.getProperty(TUNNELING_DISABLED_SCHEMES) == null) {
            System.setProperty(TUNNELING_DISABLED_SCHEMES, "");
        }
    }

    @Override
    public void close() {
        CompletableFuture<HttpClient> started;
        synchronized (this) {
            closed = true;
            started = client;
        }
        if (started != null && started.isDone() && !started.isCompletedExceptionally()) {
            shutdown(started.join());
        } // else the builder thread shuts its client down as soon as it has one
    }

    /**
     * Java 21 and later: shutdownNow(). Java 17 has no such method, but its selector thread (named
     * after the client's id) ends when interrupted. Either way its wait in epoll ends, which would
     * otherwise hold the JVM's exit (docs/performance.md says for how long).
     */
    static void shutdown(HttpClient client) {
        try {
            Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
            shutdownNow.invoke(client);
            return;
        } catch (ReflectiveOperationException e) {
            // Java 17-20
        }
        String text = client.toString();
        int open = text.lastIndexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            return;
        }
        String selectorName = "HttpClient-" + text.substring(open + 1, text.length() - 1) + "-SelectorManager";
        Thread[] threads = new Thread[Thread.activeCount() + 8];
        int count = Thread.enumerate(threads);
        for (int i = 0; i < count; i++) {
            if (threads[i].getName().equals(selectorName)) {
                threads[i].interrupt();
            }
        }
    }
}
