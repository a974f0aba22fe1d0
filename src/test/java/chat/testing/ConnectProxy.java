package chat.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy that opens CONNECT tunnels, all of them to one local port (the fake Graph), as a
 * corporate proxy would to the real host. Records what each CONNECT asked for; can demand Basic
 * credentials, as curl sends them (the UTF-8 bytes of user:password), before it opens a tunnel; or
 * refuse every tunnel with a status of its own, as a proxy whose rules do not allow the host does. What
 * passes through a tunnel is TLS: the fake Graph behind it sees the requests themselves.
 */
public final class ConnectProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final String requiredCredentials;
    private final String refusal;
    private final List<String> connects = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> tunnels = new CopyOnWriteArrayList<>();

    private ConnectProxy(int targetPort, String requiredCredentials, String refusal) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.requiredCredentials = requiredCredentials;
        this.refusal = refusal;
        Thread acceptor = new Thread(this::acceptLoop, "connect-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static ConnectProxy to(int targetPort) throws IOException {
        return new ConnectProxy(targetPort, null, null);
    }

    /** Answers every CONNECT with this status line, e.g. "404 Not Found", and opens no tunnel. */
    public static ConnectProxy refusing(String status) throws IOException {
        return new ConnectProxy(0, null, status);
    }

    /** Answers 407 until the CONNECT carries Basic user:password, encoded as UTF-8. */
    public static ConnectProxy requiringCredentials(int targetPort, String user, String password) throws IOException {
        String expected = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new ConnectProxy(targetPort, "Basic " + expected, null);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The request lines received, e.g. "CONNECT graph.microsoft.com:443 HTTP/1.1". */
    public List<String> connects() {
        return List.copyOf(connects);
    }

    /** The Proxy-Authorization values received, in order. */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** The request lines of the CONNECTs it opened a tunnel for: those whose credentials, if required, were right. */
    public List<String> tunnels() {
        return List.copyOf(tunnels);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread handler = new Thread(() -> handle(client), "connect-proxy-client");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                List<String> head = readHead(in);
                if (head.isEmpty()) {
                    return;
                }
                connects.add(head.get(0));
                String authorization = head.stream()
                        .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("proxy-authorization:"))
                        .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse(null);
                if (authorization != null) {
                    authorizations.add(authorization);
                }
                if (requiredCredentials != null && !requiredCredentials.equals(authorization)) {
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                if (refusal != null) {
                    out.write(("HTTP/1.1 " + refusal + "\r\nContent-Type: text/html\r\nContent-Length: 22\r\n\r\n"
                            + "<h1>Access denied</h1>").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                if (!head.get(0).startsWith("CONNECT ")) {
                    out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                try (Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                    tunnels.add(head.get(0));
                    out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread upstream = new Thread(() -> pipe(in, target), "connect-proxy-up");
                    upstream.setDaemon(true);
                    upstream.start();
                    target.getInputStream().transferTo(out);
                }
                return;
            }
        } catch (IOException e) {
            // the client or the target went away: the tunnel ends
        }
    }

    private static void pipe(InputStream in, Socket target) {
        try {
            in.transferTo(target.getOutputStream());
            target.shutdownOutput();
        } catch (IOException e) {
            // tunnel closed
        }
    }

    private static List<String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            head.write(b);
            matched = (b == '\r' || b == '\n') ? (b == "\r\n\r\n".charAt(matched) ? matched + 1 : 0) : 0;
        }
        String text = head.toString(StandardCharsets.US_ASCII).trim();
        return text.isEmpty() ? List.of() : List.of(text.split("\r\n"));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
