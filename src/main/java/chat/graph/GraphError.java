package chat.graph;

import chat.errors.ErrorReport;
import chat.http.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error answer, whether Graph's JSON ({@code {"error": {"code", "message", "innerError"}}}) or a
 * page from something in between (a proxy's HTML, a gateway's text).
 *
 * @param code    Graph's error code, or null when the answer is not Graph's JSON
 * @param message one line: Graph's message, a page's title, or the status's reason
 */
public record GraphError(int status, String code, String message, String requestId, String clientRequestId) {
    private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final Pattern TAGS = Pattern.compile("(?s)<[^>]*>");
    private static final int MAX_MESSAGE = 300;
    /** What Graph says of a request that came without a token. */
    private static final String NO_TOKEN = "Access token is empty";
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(407, "Proxy Authentication Required"),
            Map.entry(409, "Conflict"), Map.entry(412, "Precondition Failed"), Map.entry(413, "Payload Too Large"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    static GraphError from(Response response, ObjectMapper json, String sentClientRequestId) {
        String requestId = response.header("request-id").orElse(null);
        String clientRequestId = response.header("client-request-id").orElse(sentClientRequestId);
        String body = response.bodyText().strip();
        if (body.startsWith("{")) {
            try {
                JsonNode error = json.readTree(body).path("error");
                if (error.isObject()) {
                    JsonNode inner = error.has("innerError") ? error.path("innerError") : error.path("innererror");
                    return new GraphError(response.status(),
                            text(error.path("code"), null),
                            oneLine(text(error.path("message"), reason(response.status()))),
                            text(inner.path("request-id"), requestId),
                            text(inner.path("client-request-id"), clientRequestId));
                }
            } catch (IOException e) {
                // not JSON after all: shown as text below
            }
        }
        return new GraphError(response.status(), null, describeForeignBody(response.status(), body), requestId,
                clientRequestId);
    }

    private static String describeForeignBody(int status, String body) {
        if (body.isEmpty()) {
            return reason(status);
        }
        Matcher title = HTML_TITLE.matcher(body);
        boolean hasTitle = title.find();
        if (hasTitle || body.regionMatches(true, 0, "<!doctype html", 0, 14) || body.regionMatches(true, 0, "<html", 0, 5)) {
            String shown = hasTitle ? oneLine(TAGS.matcher(title.group(1)).replaceAll("")) : "";
            return (shown.isEmpty() ? reason(status) : shown)
                    + " (an HTML page, not an answer from Graph: a proxy or gateway may be in the way)";
        }
        return oneLine(body);
    }

    private static String text(JsonNode node, String fallback) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : fallback;
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "…" : line;
    }

    static String reason(int status) {
        return REASONS.getOrDefault(status, "HTTP " + status);
    }

    /**
     * Graph's answer to a request that came without a token: 401 InvalidAuthenticationToken, "Access token
     * is empty." No token was judged.
     */
    public boolean saysNoTokenCame() {
        return status == 401 && "InvalidAuthenticationToken".equalsIgnoreCase(code) && message != null
                && message.regionMatches(true, 0, NO_TOKEN, 0, NO_TOKEN.length());
    }

    /** The same error, with what it means for this request after Graph's own words. */
    public GraphError explained(String meaning) {
        return new GraphError(status, code, message + "; " + meaning, requestId, clientRequestId);
    }

    public String summary() {
        String label = code != null ? code : reason(status);
        return status + " " + label + (message.equals(label) ? "" : ": " + message);
    }

    /** A report of this answer: its status, error code and the ids of the request. */
    public ErrorReport report(int exitCode, String said) {
        return ErrorReport.of(exitCode, said).withAnswer(status, code, requestId, clientRequestId);
    }
}
