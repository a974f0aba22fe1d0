package chat.http;

import static chat.http.DurationText.seconds;

import java.io.IOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.PasswordAuthentication;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/** The JDK's HTTP client, with the environment's proxy, a connect timeout and a whole-request deadline. */
public final class JdkHttpSender implements HttpSender {
    private static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    // The JDK sets these itself and refuses them from callers (MSAL passes some along).
    private static final java.util.Set<String> RESTRICTED_HEADERS =
            java.util.Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;

    private JdkHttpSender(HttpClient client) {
        this.client = client;
    }

    public static JdkHttpSender create(Map<String, String> env, SSLContext ssl, Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .sslContext(ssl)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        Optional<ProxySettings> proxy = ProxySettings.from(env);
        proxy.ifPresent(settings -> {
            builder.proxy(settings);
            if (settings.hasCredentials()) {
                // The JDK refuses Basic credentials for HTTPS tunnels unless this is cleared, and reads it
                // once, when its HTTP classes load; an explicit setting of the user's is kept.
                if (System.getProperty(TUNNELING_DISABLED_SCHEMES) == null) {
                    System.setProperty(TUNNELING_DISABLED_SCHEMES, "");
                }
                builder.authenticator(new ProxyAuthenticator(settings));
            }
        });
        return new JdkHttpSender(builder.build());
    }

    @Override
    public Response send(Request request, Duration timeout) throws HttpFailure, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(timeout);
        if (!"https".equalsIgnoreCase(request.uri().getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with plain-HTTP test doubles
        }
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        builder.method(request.method(), request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        CompletableFuture<HttpResponse<byte[]>> answer =
                client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            // The request timeout covers the wait for the headers; this bound covers the body too.
            HttpResponse<byte[]> response = answer.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpFailure("no answer within " + seconds(timeout), true, e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw classify(request, timeout, e.getCause());
        }
    }

    static HttpFailure classify(Request request, Duration timeout, Throwable failure) {
        String host = request.uri().getHost();
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
        if (failure instanceof IOException && String.valueOf(failure.getMessage()).startsWith("Tunnel failed")) {
            return new HttpFailure("the proxy would not open a tunnel to " + host + describe(failure), false, failure);
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

    /** Answers only a proxy's question for credentials, and only with that proxy's own. */
    private static final class ProxyAuthenticator extends Authenticator {
        private final ProxySettings settings;

        ProxyAuthenticator(ProxySettings settings) {
            this.settings = settings;
        }

        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
            if (getRequestorType() != RequestorType.PROXY) {
                return null;
            }
            return settings.credentialsFor(getRequestingHost(), getRequestingPort()).orElse(null);
        }
    }
}
