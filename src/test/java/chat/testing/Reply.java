package chat.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** One scripted answer of a fake server: a status, headers and body, a dropped connection or a stall. */
public final class Reply {
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    final byte[] body;
    final boolean drop;
    final Duration delay;
    final boolean createThenDrop;
    final Runnable onArrival;
    boolean asGraph;

    private Reply(int status, byte[] body, boolean drop, Duration delay) {
        this(status, body, drop, delay, false, null);
    }

    private Reply(int status, byte[] body, boolean drop, Duration delay, boolean createThenDrop, Runnable onArrival) {
        this.status = status;
        this.body = body;
        this.drop = drop;
        this.delay = delay;
        this.createThenDrop = createThenDrop;
        this.onArrival = onArrival;
    }

    public static Reply status(int status) {
        return new Reply(status, new byte[0], false, Duration.ZERO);
    }

    public static Reply json(int status, String json) {
        return new Reply(status, json.getBytes(StandardCharsets.UTF_8), false, Duration.ZERO)
                .header("Content-Type", "application/json");
    }

    public static Reply html(int status, String html) {
        return new Reply(status, html.getBytes(StandardCharsets.UTF_8), false, Duration.ZERO)
                .header("Content-Type", "text/html");
    }

    /** What Graph's every 401 carries: where a token comes from, and for which resource. */
    public static final String GRAPH_CHALLENGE = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/"
            + "common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"";

    /** A Graph error body as Graph writes it, with its request-id header, and a 401 with Graph's challenge. */
    public static Reply graphError(int status, String code, String message) {
        Reply reply = json(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"innerError\":"
                + "{\"date\":\"2026-11-22T10:00:00\",\"request-id\":\"req-" + status + "\"}}}")
                .header("request-id", "req-" + status);
        return status == 401 ? reply.header("WWW-Authenticate", GRAPH_CHALLENGE) : reply;
    }

    /** Graph's answer to a request that carried no token at all. */
    public static Reply noToken() {
        return graphError(401, "InvalidAuthenticationToken", "Access token is empty.");
    }

    /**
     * Graph's own answer, as the fake models it (the chat made, the listing): the one request a test
     * expects, answered as Graph would; or such an answer delayed, or acted on at its arrival.
     */
    public static Reply asGraph() {
        Reply reply = new Reply(0, new byte[0], false, Duration.ZERO);
        reply.asGraph = true;
        return reply;
    }

    /** The request is read, then the connection is closed without an answer. */
    public static Reply dropConnection() {
        return new Reply(0, new byte[0], true, Duration.ZERO);
    }

    /** Graph makes the chat, then the connection drops before the answer: an outcome the client cannot know. */
    public static Reply createThenDropConnection() {
        return new Reply(0, new byte[0], true, Duration.ZERO, true, null);
    }

    /** The answer comes only after this long. */
    public Reply after(Duration wait) {
        Reply delayed = new Reply(status, body, drop, wait, createThenDrop, onArrival);
        delayed.headers.putAll(headers);
        delayed.asGraph = asGraph;
        return delayed;
    }

    /** Runs {@code action} the moment the request arrives, before the answer (a Ctrl-C while Graph works). */
    public Reply whenReceived(Runnable action) {
        Reply told = new Reply(status, body, drop, delay, createThenDrop, action);
        told.headers.putAll(headers);
        told.asGraph = asGraph;
        return told;
    }

    public Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** What the reply is, for a failure that names it: the status and the start of the body, or what it does. */
    @Override
    public String toString() {
        String what = asGraph ? "as Graph" : createThenDrop ? "create, then drop the connection"
                : drop ? "drop the connection" : status + (body.length == 0 ? "" : " " + abbreviated());
        return what + (delay.isZero() ? "" : " after " + delay) + (onArrival == null ? "" : " (acting on arrival)");
    }

    private String abbreviated() {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
