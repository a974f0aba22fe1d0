import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A stand-in for Graph's chat API over TLS, behind a CONNECT proxy, for the build's training runs and
 * the benchmarks: a client reaches it as it reaches graph.microsoft.com, by name, through HTTPS_PROXY.
 * With --rate R it allows R creations a second and answers the rest 429 with Retry-After, as Graph
 * throttles, in the way --model says (chat.testing.RateLimiter: sliding, fixed, bucket, changing;
 * bucket by default). GET /stats tells what it created: {"created", "throttled", "duplicates"
 * (group chats with the same body made more than once), "first", "last" (the epoch milliseconds of
 * the first and last chat made), "allowed" (the chats the limit allowed from the first to the last),
 * "connections" (the tunnels opened to it, this one's included), "requests" (all it was asked, this
 * one included), "http2" (those of them over HTTP/2), "refused" (creates whose streams it refused
 * unprocessed, REFUSED_STREAM, as --refuse N says of the first N over HTTP/2)}.
 * Every group it is asked for by mail or name is there, with as many users as the first number in its
 * name ({@code cohort-231@contoso.com}: hire1@ to hire231@); it lists them 100 a page, and keeps each
 * chat's roster, which member adds ({@code POST /chats/{id}/members}) add to.
 * It speaks HTTP/2, as Graph does to a client that offers it ({@link Http2Server}), or with --http 1.1
 * HTTP/1.1 alone, each request in flight on a connection of its own.
 * Listens on 127.0.0.1 only and stops by itself after --lifetime seconds.
 *
 * java --add-exports java.net.http/jdk.internal.net.http.hpack=ALL-UNNAMED -cp … FakeGraphServer --keystore server.p12
 *   --password pw --ports-file ports [--lifetime 600] [--rate R] [--model M] [--http 2|1.1]
 *   [--refuse N]
 */
public final class FakeGraphServer {
    private static final AtomicLong CHATS = new AtomicLong();
    private static final AtomicLong THROTTLED = new AtomicLong();
    private static final java.util.Set<String> GROUP_BODIES = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final AtomicLong DUPLICATES = new AtomicLong();
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final AtomicLong CONNECTIONS = new AtomicLong();
    private static final AtomicLong OVER_HTTP2 = new AtomicLong();
    private static final AtomicLong CREATES_OVER_HTTP2 = new AtomicLong();
    private static long toRefuse;
    private static final java.util.Map<String, Integer> GROUP_SIZES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<String, java.util.Set<String>> ROSTERS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.regex.Pattern BOUND = java.util.regex.Pattern.compile("users\\('([^']+)'\\)");
    private static final java.util.regex.Pattern CHAT_MEMBERS = java.util.regex.Pattern.compile("/v1\\.0/chats/([^/]+)/members");
    private static final java.util.regex.Pattern GROUP_MEMBERS =
            java.util.regex.Pattern.compile("/v1\\.0/groups/([^/]+)/transitiveMembers");
    private static chat.testing.RateLimiter limiter;
    private static long firstNanos = Long.MIN_VALUE;
    private static long lastNanos;
    private static long firstMillis;
    private static long lastMillis;

    public static void main(String[] args) throws Exception {
        Path keystore = null;
        String password = null;
        Path portsFile = null;
        long lifetimeSeconds = 600;
        double rate = 0;
        String model = "bucket";
        String http = "2";
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--keystore" -> keystore = Path.of(args[i + 1]);
                case "--password" -> password = args[i + 1];
                case "--ports-file" -> portsFile = Path.of(args[i + 1]);
                case "--lifetime" -> lifetimeSeconds = Long.parseLong(args[i + 1]);
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                case "--model" -> model = args[i + 1];
                case "--http" -> http = args[i + 1];
                case "--refuse" -> toRefuse = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        limiter = rate > 0 ? chat.testing.RateLimiter.of(model, rate) : null;
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, password.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        int graphPort;
        if (http.equals("1.1")) {
            HttpsServer graph = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            graph.setHttpsConfigurator(new HttpsConfigurator(tls));
            graph.createContext("/", FakeGraphServer::handle);
            graph.setExecutor(Executors.newFixedThreadPool(8));
            graph.start();
            graphPort = graph.getAddress().getPort();
        } else {
            Http2Server graph = new Http2Server(tls, (method, uri, body, arrived) -> {
                OVER_HTTP2.incrementAndGet();
                if ("POST".equals(method) && uri.getPath().equals("/v1.0/chats") && CREATES_OVER_HTTP2.incrementAndGet() <= toRefuse) {
                    REQUESTS.incrementAndGet();
                    return null;
                }
                return answer(method, uri, body, arrived);
            }, Executors.newFixedThreadPool(8));
            graph.start();
            graphPort = graph.port();
        }

        ServerSocket proxy = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> acceptTunnels(proxy, graphPort), "proxy");
        acceptor.setDaemon(true);
        acceptor.start();

        Path ports = portsFile;
        Files.writeString(Path.of(ports + ".tmp"), "proxy=" + proxy.getLocalPort() + "\ngraph=" + graphPort + "\n");
        Files.move(Path.of(ports + ".tmp"), ports, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(lifetimeSeconds * 1000);
        System.exit(0);
    }

    /** The HTTP/1.1 server's exchanges, answered as the HTTP/2 server's streams are. */
    private static void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Http2Server.Answer answer = answer(exchange.getRequestMethod(), exchange.getRequestURI(), body, System.nanoTime());
        answer.headers().forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(answer.status(), answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    /** @param now when the request arrived (System.nanoTime()), which the limiter judges it by */
    private static Http2Server.Answer answer(String method, URI uri, byte[] body, long now) {
        int status;
        String answer;
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        REQUESTS.incrementAndGet();
        boolean create = "POST".equals(method) && uri.getPath().equals("/v1.0/chats");
        String retryAfter = create && limiter != null ? limiter.admit(now) : null;
        String modelled = create ? null : groupsOrMembers(method, uri, body);
        if (retryAfter != null) {
            THROTTLED.incrementAndGet();
            status = 429;
            answer = "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests: slow down\"}}";
            headers.put("Retry-After", retryAfter);
        } else if ("GET".equals(method) && uri.getPath().equals("/stats")) {
            status = 200;
            answer = stats();
        } else if ("POST".equals(method) && uri.getPath().equals("/v1.0/$batch")) {
            status = 200;
            answer = users(new String(body, StandardCharsets.UTF_8));
        } else if (modelled != null) {
            answer = modelled;
            status = "POST".equals(method) ? 201 : 200; // a member added, or a read
        } else if (create) {
            status = 201;
            answer = created(new String(body, StandardCharsets.UTF_8), now);
        } else {
            status = 404;
            answer = "{\"error\":{\"code\":\"NotFound\",\"message\":\"no such resource in the fake\"}}";
        }
        headers.put("Content-Type", "application/json");
        headers.put("request-id", UUID.randomUUID().toString());
        return new Http2Server.Answer(status, headers, answer.getBytes(StandardCharsets.UTF_8));
    }

    private static String created(String text, long now) {
        boolean group = text.contains("\"group\"");
        if (group && !GROUP_BODIES.add(text)) {
            DUPLICATES.incrementAndGet();
        }
        String id = group ? "19:" + UUID.randomUUID().toString().replace("-", "") + "@thread.v2"
                : "19:" + UUID.randomUUID() + "_" + UUID.randomUUID() + "@unq.gbl.spaces";
        made(now);
        ROSTERS.put(id, userIds(text));
        return "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#chats/$entity\",\"id\":\"" + id
                + "\",\"topic\":null,\"createdDateTime\":\"2026-11-22T10:00:00Z\",\"lastUpdatedDateTime\":"
                + "\"2026-11-22T10:00:00Z\",\"chatType\":\"" + (group ? "group" : "oneOnOne") + "\"}";
    }

    /** A group by mail or name, its transitive members, a chat's roster, or a member added; null for none of these. */
    private static String groupsOrMembers(String method, URI uri, byte[] body) {
        String path = uri.getPath();
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        boolean get = "GET".equals(method);
        java.util.regex.Matcher chat = CHAT_MEMBERS.matcher(path);
        java.util.regex.Matcher group = GROUP_MEMBERS.matcher(path);
        if (get && path.equals("/v1.0/groups")) {
            String name = query.replaceAll(".*eq '([^']*)'.*", "$1");
            java.util.regex.Matcher size = java.util.regex.Pattern.compile("\\d+").matcher(name);
            String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
            GROUP_SIZES.put(id, size.find() ? Integer.parseInt(size.group()) : 0);
            return "{\"value\":[{\"id\":\"" + id + "\",\"displayName\":\"" + name + "\",\"mail\":\"" + name + "\"}]}";
        }
        if (get && group.matches()) {
            int size = GROUP_SIZES.getOrDefault(group.group(1), 0);
            int from = query.contains("$skiptoken=") ? Integer.parseInt(query.replaceAll(".*\\$skiptoken=(\\d+).*", "$1")) : 0;
            StringBuilder page = new StringBuilder("{\"value\":[");
            for (int i = from; i < Math.min(size, from + 100); i++) {
                String upn = "hire" + (i + 1) + "@contoso.com";
                page.append(i == from ? "" : ",").append("{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"")
                        .append(userId(upn)).append("\",\"userPrincipalName\":\"").append(upn).append("\",\"userType\":\"Member\"}");
            }
            page.append(']');
            if (from + 100 < size) {
                page.append(",\"@odata.nextLink\":\"https://graph.microsoft.com").append(path).append("?$skiptoken=")
                        .append(from + 100).append('"');
            }
            return page.append('}').toString();
        }
        if (chat.matches() && ROSTERS.containsKey(chat.group(1))) {
            java.util.Set<String> roster = ROSTERS.get(chat.group(1));
            if (get) {
                StringBuilder members = new StringBuilder("{\"value\":[");
                roster.forEach(id -> members.append(members.length() > 11 ? "," : "").append("{\"userId\":\"").append(id)
                        .append("\"}"));
                return members.append("]}").toString();
            }
            roster.addAll(userIds(new String(body, StandardCharsets.UTF_8)));
            return new String(body, StandardCharsets.UTF_8);
        }
        return null;
    }

    private static java.util.Set<String> userIds(String body) {
        java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.regex.Matcher bound = BOUND.matcher(body);
        while (bound.find()) {
            ids.add(bound.group(1).matches("[0-9a-f-]{36}") ? bound.group(1) : userId(bound.group(1)));
        }
        return ids;
    }

    private static String userId(String upn) {
        return UUID.nameUUIDFromBytes(upn.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static final java.util.regex.Pattern USER_URL = java.util.regex.Pattern.compile("\"url\":\"/users/([^?\"]+)");

    /** A batch of user look-ups ({@code GET /users/{upn}}), each found: every name is a user of its own. */
    private static String users(String batch) {
        StringBuilder answer = new StringBuilder("{\"responses\":[");
        java.util.regex.Matcher url = USER_URL.matcher(batch);
        for (int id = 1; url.find(); id++) {
            String name = java.net.URLDecoder.decode(url.group(1), StandardCharsets.UTF_8);
            String user = userId(name);
            answer.append(id == 1 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"status\":200,\"body\":{")
                    .append("\"id\":\"").append(user).append("\",\"userPrincipalName\":\"").append(name)
                    .append("\",\"mail\":\"").append(name).append("\"}}");
        }
        return answer.append("]}").toString();
    }

    private static synchronized void made(long nanos) {
        CHATS.incrementAndGet();
        if (firstNanos == Long.MIN_VALUE) {
            firstNanos = nanos;
            firstMillis = System.currentTimeMillis();
        }
        lastNanos = nanos;
        lastMillis = System.currentTimeMillis();
    }

    /** What was made, and what the limit allowed from the first chat made to the last: the time-weighted limit. */
    private static synchronized String stats() {
        double allowed = 0;
        if (limiter != null && firstNanos != Long.MIN_VALUE) {
            for (long t = firstNanos; t < lastNanos; t += 10_000_000L) {
                allowed += limiter.allowed(t) * 0.01;
            }
        }
        return "{\"created\":" + CHATS.get() + ",\"throttled\":" + THROTTLED.get() + ",\"duplicates\":"
                + DUPLICATES.get() + ",\"first\":" + firstMillis + ",\"last\":" + lastMillis + ",\"allowed\":"
                + String.format(java.util.Locale.ROOT, "%.1f", allowed) + ",\"connections\":" + CONNECTIONS.get()
                + ",\"requests\":" + REQUESTS.get() + ",\"http2\":" + OVER_HTTP2.get() + ",\"refused\":" + Math.min(CREATES_OVER_HTTP2.get(), toRefuse) + "}";
    }

    private static void acceptTunnels(ServerSocket proxy, int graphPort) {
        while (true) {
            try {
                Socket client = proxy.accept();
                CONNECTIONS.incrementAndGet();
                Thread tunnel = new Thread(() -> tunnel(client, graphPort), "tunnel");
                tunnel.setDaemon(true);
                tunnel.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** CONNECT host:port → always the fake Graph's port, whatever host was asked for. */
    private static void tunnel(Socket client, int graphPort) {
        try (client; Socket target = new Socket(InetAddress.getLoopbackAddress(), graphPort)) {
            InputStream in = client.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            int b;
            while (matched < 4 && (b = in.read()) != -1) {
                head.write(b);
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            OutputStream out = client.getOutputStream();
            if (!head.toString(StandardCharsets.US_ASCII).startsWith("CONNECT ")) {
                out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread up = new Thread(() -> {
                try {
                    in.transferTo(target.getOutputStream());
                    target.shutdownOutput();
                } catch (IOException e) {
                    // tunnel closed
                }
            }, "tunnel-up");
            up.setDaemon(true);
            up.start();
            target.getInputStream().transferTo(out);
        } catch (IOException e) {
            // client or target went away
        }
    }
}
