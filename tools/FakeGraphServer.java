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
 * the first and last chat made), "allowed" (the chats the limit allowed from the first to the last)}.
 * Listens on 127.0.0.1 only and stops by itself after --lifetime seconds.
 *
 * java -cp … FakeGraphServer --keystore server.p12 --password pw --ports-file ports [--lifetime 600] [--rate R] [--model M]
 */
public final class FakeGraphServer {
    private static final AtomicLong CHATS = new AtomicLong();
    private static final AtomicLong THROTTLED = new AtomicLong();
    private static final java.util.Set<String> GROUP_BODIES = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final AtomicLong DUPLICATES = new AtomicLong();
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
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--keystore" -> keystore = Path.of(args[i + 1]);
                case "--password" -> password = args[i + 1];
                case "--ports-file" -> portsFile = Path.of(args[i + 1]);
                case "--lifetime" -> lifetimeSeconds = Long.parseLong(args[i + 1]);
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                case "--model" -> model = args[i + 1];
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

        HttpsServer graph = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        graph.setHttpsConfigurator(new HttpsConfigurator(tls));
        graph.createContext("/", FakeGraphServer::handle);
        graph.setExecutor(Executors.newFixedThreadPool(8));
        graph.start();

        ServerSocket proxy = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        int graphPort = graph.getAddress().getPort();
        Thread acceptor = new Thread(() -> acceptTunnels(proxy, graphPort), "proxy");
        acceptor.setDaemon(true);
        acceptor.start();

        Path ports = portsFile;
        Files.writeString(Path.of(ports + ".tmp"), "proxy=" + proxy.getLocalPort() + "\ngraph=" + graphPort + "\n");
        Files.move(Path.of(ports + ".tmp"), ports, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(lifetimeSeconds * 1000);
        System.exit(0);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        int status;
        String answer;
        long now = System.nanoTime();
        boolean create = "POST".equals(exchange.getRequestMethod()) && exchange.getRequestURI().getPath().equals("/v1.0/chats");
        String retryAfter = create && limiter != null ? limiter.admit(now) : null;
        if (retryAfter != null) {
            THROTTLED.incrementAndGet();
            status = 429;
            answer = "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests: slow down\"}}";
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        } else if ("GET".equals(exchange.getRequestMethod()) && exchange.getRequestURI().getPath().equals("/stats")) {
            status = 200;
            answer = stats();
        } else if ("POST".equals(exchange.getRequestMethod()) && exchange.getRequestURI().getPath().equals("/v1.0/$batch")) {
            status = 200;
            answer = users(new String(body, StandardCharsets.UTF_8));
        } else if (create) {
            String text = new String(body, StandardCharsets.UTF_8);
            boolean group = text.contains("\"group\"");
            if (group && !GROUP_BODIES.add(text)) {
                DUPLICATES.incrementAndGet();
            }
            String id = group ? "19:" + UUID.randomUUID().toString().replace("-", "") + "@thread.v2"
                    : "19:" + UUID.randomUUID() + "_" + UUID.randomUUID() + "@unq.gbl.spaces";
            made(now);
            status = 201;
            answer = "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#chats/$entity\",\"id\":\"" + id
                    + "\",\"topic\":null,\"createdDateTime\":\"2026-11-22T10:00:00Z\",\"lastUpdatedDateTime\":"
                    + "\"2026-11-22T10:00:00Z\",\"chatType\":\"" + (group ? "group" : "oneOnOne") + "\"}";
        } else {
            status = 404;
            answer = "{\"error\":{\"code\":\"NotFound\",\"message\":\"no such resource in the fake\"}}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("request-id", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final java.util.regex.Pattern USER_URL = java.util.regex.Pattern.compile("\"url\":\"/users/([^?\"]+)");

    /** A batch of user look-ups ({@code GET /users/{upn}}), each found: every name is a user of its own. */
    private static String users(String batch) {
        StringBuilder answer = new StringBuilder("{\"responses\":[");
        java.util.regex.Matcher url = USER_URL.matcher(batch);
        for (int id = 1; url.find(); id++) {
            String name = java.net.URLDecoder.decode(url.group(1), StandardCharsets.UTF_8);
            String user = UUID.nameUUIDFromBytes(name.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8))
                    .toString();
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
                + String.format(java.util.Locale.ROOT, "%.1f", allowed) + "}";
    }

    private static void acceptTunnels(ServerSocket proxy, int graphPort) {
        while (true) {
            try {
                Socket client = proxy.accept();
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
