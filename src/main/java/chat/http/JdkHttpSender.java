package chat.http;

import static chat.http.DurationText.seconds;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

/** The JDK's HTTP client with a whole-request deadline, and its failures told apart. */
final class JdkHttpSender implements HttpSender {
    // The JDK sets these itself and refuses them from callers (MSAL passes some along).
    private static final java.util.Set<String> RESTRICTED_HEADERS =
            java.util.Set.of("connection", "content-length", "expect", "host", "upgrade");
    /** How the JDK says a proxy answered a CONNECT with a 4xx other than 407. */
    private static final Pattern TUNNEL_FAILED = Pattern.compile("Tunnel failed, got: (4\\d\\d)");

    /**
     * How the JDK 17 client says an HTTP/2 server refused a stream, which it did not process (RFC 9113,
     * 8.7), and which may be sent again whatever it asked; later clients send it again themselves.
     * Without it, a refused group create would be told as one that may have made the chat.
     */
    private static final String REFUSED_STREAM = "Received RST_STREAM: Stream not processed";

    private final CompletableFuture<HttpClient> client;
    private final Optional<ProxySettings> proxy;
    private final FirstConnection firstConnection = new FirstConnection();

    /**
     * @param client being built, perhaps still, on another thread
     * @param proxy  the proxy settings the client was built with, so that its failures are told as the proxy's
     */
    JdkHttpSender(CompletableFuture<HttpClient> client, Optional<ProxySettings> proxy) {
        this.client = client;
        this.proxy = proxy;
    }

    @Override
    public Response send(Request request, Duration timeout) throws HttpFailure, InterruptedException {
        long waitFrom = System.nanoTime();
        Runnable onItsWay = firstConnection.await(request.uri(), timeout);
        Duration left = timeout.minusNanos(System.nanoTime() - waitFrom); // no attempt outlasts its time limit
        if (left.toMillis() <= 0) {
            throw new HttpFailure("connecting to " + request.uri().getHost() + " timed out", false, null);
        }
        Optional<ProxySettings.ProxyAddress> via = via(request);
        CompletableFuture<HttpResponse<byte[]>> answer;
        try {
            answer = ready(left).sendAsync(build(request, left, via, onItsWay), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpFailure | InterruptedException | RuntimeException e) {
            onItsWay.run();
            throw e;
        }
        answer.whenComplete((response, failure) -> onItsWay.run());
        try {
            // The request timeout covers the wait for the headers; this bound covers the body too.
            HttpResponse<byte[]> response = answer.get(left.toMillis() + 1000, TimeUnit.MILLISECONDS);
            if (response.statusCode() == 407) {
                throw proxyRefused(request, via);
            }
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpFailure("no answer within " + seconds(timeout), true, e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Optional<ProxyRefusedException> refused = tunnelRefused(request, e.getCause(), via);
            if (refused.isPresent()) {
                throw refused.get();
            }
            throw classify(request, timeout, e.getCause(), via);
        }
    }

    /** @param onItsWay told as the body starts to go: the connection is up */
    private static HttpRequest build(Request request, Duration timeout, Optional<ProxySettings.ProxyAddress> via,
                                     Runnable onItsWay) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(timeout);
        if (!"https".equalsIgnoreCase(request.uri().getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with plain-HTTP test doubles
        }
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        // Given with every request through the proxy, as curl gives them: the JDK puts the header on the
        // CONNECT alone and keeps it out of the tunnel, so it reaches the proxy and never the server.
        // Added here, below --verbose's trace, which therefore never shows it.
        via.map(ProxySettings.ProxyAddress::basicCredentials)
                .ifPresent(credentials -> builder.header("Proxy-Authorization", credentials));
        HttpRequest.BodyPublisher body = request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        return builder.method(request.method(), new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return body.contentLength();
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                onItsWay.run();
                body.subscribe(subscriber);
            }
        }).build();
    }

    /**
     * A 4xx to CONNECT other than 407 (which the JDK hands back as a response): the proxy will not reach
     * the host, and asking again cannot change that. The JDK tells it only in its message's words.
     */
    private static Optional<ProxyRefusedException> tunnelRefused(Request request, Throwable failure,
                                                                 Optional<ProxySettings.ProxyAddress> via) {
        Matcher refused = failure instanceof IOException && via.isPresent()
                ? TUNNEL_FAILED.matcher(String.valueOf(failure.getMessage())) : null;
        if (refused == null || !refused.matches()) {
            return Optional.empty();
        }
        String host = request.uri().getHost();
        int port = request.uri().getPort() < 0 ? 443 : request.uri().getPort();
        return Optional.of(ProxyRefusedException.tunnel(name(via.get()) + " refused a tunnel to " + host + ":" + port
                + " (" + refused.group(1) + "): nothing reached " + host + "; check " + via.get().variable()
                + ", or ask whoever runs the proxy to allow " + host));
    }

    private Optional<ProxySettings.ProxyAddress> via(Request request) {
        return proxy.flatMap(settings -> settings.proxyFor(request.uri()));
    }

    /** A 407: the proxy passed nothing on, for want of credentials or for those it was given. */
    private static ProxyRefusedException proxyRefused(Request request, Optional<ProxySettings.ProxyAddress> via) {
        String host = request.uri().getHost();
        if (via.isPresent() && via.get().basicCredentials() != null) {
            return ProxyRefusedException.credentials(name(via.get()) + " refused the credentials " + via.get().variable()
                    + " gives it (407): nothing reached " + host);
        }
        return ProxyRefusedException.credentials(via.map(JdkHttpSender::name).orElse("a proxy") + " asks for credentials (407): "
                + "give them in " + via.map(ProxySettings.ProxyAddress::variable).orElse("HTTPS_PROXY")
                + " as http://user:password@host:port; nothing reached " + host);
    }

    private static String name(ProxySettings.ProxyAddress proxy) {
        return "the proxy " + proxy.host() + ":" + proxy.port() + " (" + proxy.variable() + ")";
    }

    private HttpClient ready(Duration timeout) throws HttpFailure, InterruptedException {
        try {
            return client.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new HttpFailure("setting up TLS took longer than " + seconds(timeout), false, e);
        }
    }

    /** @param via the proxy the request went through, if any: connecting is to it, not to the host */
    static HttpFailure classify(Request request, Duration timeout, Throwable failure,
                                Optional<ProxySettings.ProxyAddress> via) {
        String host = request.uri().getHost();
        if (via.isPresent() && (failure instanceof HttpConnectTimeoutException || failure instanceof ConnectException)) {
            boolean unresolved = causedBy(failure, UnresolvedAddressException.class);
            String proxy = name(via.get());
            return new HttpFailure(failure instanceof HttpConnectTimeoutException ? "connecting to " + proxy + " timed out"
                    : unresolved ? "cannot resolve the host of " + proxy
                    : "cannot connect to " + proxy + describe(failure), false, failure);
        }
        if (failure instanceof HttpConnectTimeoutException) {
            return new HttpFailure("connecting to " + host + " timed out", false, failure);
        }
        if (failure instanceof HttpTimeoutException) {
            return new HttpFailure("no answer from " + host + " within " + seconds(timeout), true, failure);
        }
        if (failure instanceof ConnectException) {
            boolean unresolved = causedBy(failure, UnresolvedAddressException.class);
            return new HttpFailure(unresolved
                    ? "cannot resolve " + host + " (is the network or the proxy set up?)"
                    : "cannot connect to " + host + describe(failure), false, failure);
        }
        if (causedBy(failure, SSLHandshakeException.class)) {
            return new HttpFailure("the TLS handshake with " + host + " failed" + describe(failure)
                    + " (if a proxy inspects TLS, its CA certificate must be in Java's trust store)", false, failure);
        }
        // Any other answer to CONNECT, told as TUNNEL_FAILED is: without it, "the connection broke"
        if (failure instanceof IOException && String.valueOf(failure.getMessage()).startsWith("Tunnel failed")) {
            return new HttpFailure("the proxy would not open a tunnel to " + host + describe(failure), false, failure);
        }
        if (failure instanceof IOException && REFUSED_STREAM.equals(failure.getMessage())) {
            return new HttpFailure(host + " refused the request without acting on it (HTTP/2 REFUSED_STREAM)", false,
                    failure);
        }
        return new HttpFailure("the connection to " + host + " broke before an answer came" + describe(failure), true,
                failure);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? "" : " (" + message + ")";
    }
}
