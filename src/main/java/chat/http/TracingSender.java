package chat.http;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * --verbose: every request and answer on stderr, the way curl -v shows them, with credentials and
 * tokens replaced by [redacted] wherever they appear (headers, JSON and form bodies).
 */
public final class TracingSender implements HttpSender {
    private static final Set<String> SECRET_HEADERS =
            // x-identity-header and secret: what managed identity endpoints (App Service, Service Fabric) require
            Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-identity-header", "secret");
    private static final String SECRET_NAMES = "access_token|refresh_token|id_token|client_secret|client_assertion"
            + "|assertion|password|device_code";
    private static final Pattern SECRET_JSON_FIELD =
            Pattern.compile("(\"(?:" + SECRET_NAMES + ")\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern SECRET_FORM_FIELD = Pattern.compile("(^|&)((?:" + SECRET_NAMES + ")=)[^&]*");
    private static final int MAX_BODY_CHARS = 8192;

    private final HttpSender inner;
    private final PrintWriter err;
    private final Clock clock;

    public TracingSender(HttpSender inner, PrintWriter err, Clock clock) {
        this.inner = inner;
        this.err = err;
        this.clock = clock;
    }

    @Override
    public Response send(Request request, Duration timeout) throws HttpFailure, InterruptedException {
        err.println("> " + request.method() + " " + request.uri());
        request.headers().forEach((name, value) -> err.println("> " + name + ": " + redactHeader(name, value)));
        if (request.body() != null) {
            printBody("> ", request.bodyText());
        }
        err.flush();
        long start = clock.millis();
        try {
            Response response = inner.send(request, timeout);
            err.println("< " + response.status() + " (" + (clock.millis() - start) + " ms)");
            // HTTP/2's pseudo-headers (":status") are left out, as curl leaves them: the status is shown above
            response.headers().map().entrySet().stream().filter(header -> !header.getKey().startsWith(":"))
                    .forEach(header -> header.getValue().forEach(value ->
                            err.println("< " + header.getKey() + ": " + redactHeader(header.getKey(), value))));
            printBody("< ", response.bodyText());
            return response;
        } catch (HttpFailure failure) {
            err.println("* " + failure.getMessage() + " (" + (clock.millis() - start) + " ms)");
            throw failure;
        } finally {
            err.flush();
        }
    }

    private void printBody(String prefix, String body) {
        if (body.isEmpty()) {
            return;
        }
        String shown = redactBody(body);
        if (shown.length() > MAX_BODY_CHARS) {
            shown = shown.substring(0, MAX_BODY_CHARS) + "… (" + body.length() + " characters in all)";
        }
        for (String line : shown.split("\n", -1)) {
            err.println(prefix + line);
        }
    }

    static String redactHeader(String name, String value) {
        if (!SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            return value;
        }
        int space = value.indexOf(' ');
        return space > 0 && name.toLowerCase(Locale.ROOT).endsWith("authorization")
                ? value.substring(0, space) + " [redacted]"
                : "[redacted]";
    }

    public static String redactBody(String body) {
        String json = SECRET_JSON_FIELD.matcher(body).replaceAll("$1\"[redacted]\"");
        return SECRET_FORM_FIELD.matcher(json).replaceAll("$1$2[redacted]");
    }
}
