package chat.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real squid, as Debian packages it, in front of the fakes: it asks for Basic credentials, checks them
 * with its own basic_ncsa_auth helper against a password file, and opens CONNECT tunnels to port 443
 * only. It reaches the real host names through a parent proxy of the test's (a {@link ConnectProxy}
 * that ends every tunnel at the fake Graph), so a client needs no setting but HTTPS_PROXY, as in
 * production. Everything is its own: a free port on 127.0.0.1, and its configuration, logs and pid file
 * in a directory of its own, so it never meets a squid service of the machine. Started in the
 * foreground as a child of the test, and ended by {@link #close()}.
 */
public final class Squid implements AutoCloseable {
    private static final List<String> BINARIES = List.of("/usr/sbin/squid", "/usr/local/sbin/squid", "/usr/bin/squid");
    private static final List<String> HELPERS = List.of("/usr/lib/squid/basic_ncsa_auth",
            "/usr/lib64/squid/basic_ncsa_auth", "/usr/libexec/squid/basic_ncsa_auth");

    private final Process process;
    private final Path directory;
    private final int port;

    private Squid(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** The squid binary and its Basic helper, where Debian and others install them. */
    public static Optional<Path> binary() {
        return firstExisting(BINARIES).filter(binary -> firstExisting(HELPERS).isPresent());
    }

    private static Optional<Path> firstExisting(List<String> paths) {
        return paths.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /**
     * @param users  user name to password, as a person would type them (UTF-8)
     * @param parent the port of the proxy every tunnel is handed on to
     */
    public static Squid start(Map<String, String> users, int parent) throws IOException, InterruptedException {
        Path binary = binary().orElseThrow(() -> new IllegalStateException("squid is not installed"));
        Path directory = Files.createTempDirectory("chat-squid");
        // Started as root, squid runs as its own user (proxy), which must write its logs here.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        writePasswords(directory.resolve("passwd"), users);
        IOException lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path config = directory.resolve("squid.conf");
            Files.writeString(config, config(directory, port, parent));
            Process process = new ProcessBuilder(binary.toString(), "-N", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("squid.out").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            Squid squid = new Squid(process, directory, port);
            try {
                squid.awaitListening();
                return squid;
            } catch (IOException e) { // the port taken meanwhile, perhaps: another one
                squid.close();
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    /**
     * Basic credentials travel as the bytes the client sends; with "utf8 off" (squid's default) they
     * reach the helper as they came, so UTF-8 credentials match a password file made from UTF-8, and
     * ISO-8859-1 ones do not. ("utf8 on" would turn ISO-8859-1 into UTF-8 first and accept both.)
     */
    private static String config(Path directory, int port, int parent) {
        return String.join("\n",
                "http_port 127.0.0.1:" + port,
                "visible_hostname chat-test-squid",
                "pid_filename " + directory.resolve("squid.pid"),
                "cache_log " + directory.resolve("cache.log"),
                "access_log stdio:" + directory.resolve("access.log"),
                "coredump_dir " + directory,
                "cache deny all",
                "max_filedescriptors 256",
                "shutdown_lifetime 0 seconds",
                "auth_param basic program " + firstExisting(HELPERS).orElseThrow() + " " + directory.resolve("passwd"),
                "auth_param basic realm chat-test",
                "auth_param basic utf8 off",
                "auth_param basic children 2 startup=1",
                "acl authenticated proxy_auth REQUIRED",
                "acl CONNECT method CONNECT",
                "acl SSL_ports port 443",
                "http_access deny !CONNECT",
                "http_access deny CONNECT !SSL_ports",
                "http_access allow authenticated",
                "http_access deny all",
                "cache_peer 127.0.0.1 parent " + parent + " 0 no-query no-digest default name=fakes",
                "never_direct allow all",
                "");
    }

    /** An Apache MD5 ($apr1$) line for each user, which basic_ncsa_auth reads; the password goes in as UTF-8. */
    private static void writePasswords(Path file, Map<String, String> users) throws IOException, InterruptedException {
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, String> user : users.entrySet()) {
            Process openssl = new ProcessBuilder("openssl", "passwd", "-apr1", "-stdin").start();
            try (OutputStream in = openssl.getOutputStream()) {
                in.write(user.getValue().getBytes(StandardCharsets.UTF_8));
            }
            String hash = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0 || !hash.startsWith("$apr1$")) {
                throw new IllegalStateException("openssl passwd failed: " + hash);
            }
            lines.append(user.getKey()).append(':').append(hash).append('\n');
        }
        Files.write(file, lines.toString().getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("squid ended (exit " + process.exitValue() + ") before it listened: " + log());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("squid did not listen on " + port + " within 30 s: " + log());
    }

    /** http://user:password@127.0.0.1:port, the user and password as given (percent-encode them). */
    public String url(String userInfo) {
        return "http://" + userInfo + "@127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * The access log's lines: "… TCP_TUNNEL/200 … CONNECT graph.microsoft.com:443 user …", one a
     * request, written when its connection ends.
     */
    public List<String> accessLog() throws IOException {
        Path log = directory.resolve("access.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Whether a line of the access log matches within 10 s: a tunnel is logged once squid sees it closed. */
    public boolean logs(java.util.function.Predicate<String> line) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (accessLog().stream().noneMatch(line)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** What squid said of itself, for a failure's message. */
    public String log() {
        Map<String, String> logs = new LinkedHashMap<>();
        for (String name : List.of("squid.out", "cache.log")) {
            try {
                Path file = directory.resolve(name);
                logs.put(name, Files.exists(file) ? Files.readString(file) : "");
            } catch (IOException e) {
                logs.put(name, e.toString());
            }
        }
        return logs.toString();
    }

    /**
     * Stops this squid alone (its process and its helpers): SIGTERM, then SIGKILL if it lingers; then
     * removes its directory.
     */
    @Override
    public void close() {
        List<ProcessHandle> helpers = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle helper : helpers) {
            if (helper.isAlive()) {
                helper.destroyForcibly();
            }
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory harms no later run
        }
    }
}
