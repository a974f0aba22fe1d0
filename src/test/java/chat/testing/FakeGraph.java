package chat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * An in-process stand-in for Graph's chat API: answers from a script, else as Graph does (201 and
 * the chat), and records every request it receives. The same server answers for the identity
 * provider on every other path.
 */
public final class FakeGraph implements AutoCloseable {
    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private final FakeIdentityProvider identityProvider = new FakeIdentityProvider();
    private final String scheme;

    private FakeGraph(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/v1.0/", this::handle);
        server.createContext("/", identityProvider);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public static FakeGraph start() {
        try {
            return new FakeGraph(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "http");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static FakeGraph startTls(SSLContext tls) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new FakeGraph(server, "https");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For CHAT_GRAPH_URL. */
    public String url() {
        return scheme + "://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public FakeGraph reply(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** The sign-in service on the same server. */
    public FakeIdentityProvider identityProvider() {
        return identityProvider;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
        requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                headers, body));

        Reply reply = script.poll();
        if (reply == null) {
            reply = created(body);
        }
        if (!reply.delay.isZero()) {
            try {
                Thread.sleep(reply.delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (reply.drop) {
            // HttpServer closes the connection, without an answer, when a handler throws.
            throw new IOException("dropping the connection as scripted");
        }
        reply.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(reply.status, reply.body.length == 0 ? -1 : reply.body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body);
        }
    }

    /** Graph's 201: the chat with an id of the right shape for its type, and the topic sent. */
    private Reply created(String body) throws IOException {
        JsonNode request = json.readTree(body);
        boolean group = "group".equals(request.path("chatType").asText());
        ObjectNode chat = json.createObjectNode();
        chat.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#chats/$entity");
        chat.put("id", group
                ? "19:" + UUID.randomUUID().toString().replace("-", "") + "@thread.v2"
                : "19:" + UUID.randomUUID() + "_" + UUID.randomUUID() + "@unq.gbl.spaces");
        chat.set("topic", request.path("topic").isTextual() ? request.get("topic") : chat.nullNode());
        chat.put("createdDateTime", "2026-11-22T10:00:00.000Z");
        chat.put("lastUpdatedDateTime", "2026-11-22T10:00:00.000Z");
        chat.put("chatType", request.path("chatType").asText());
        return Reply.json(201, json.writeValueAsString(chat));
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
