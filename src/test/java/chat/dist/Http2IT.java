package chat.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.ChatLines;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed command over HTTP/2, as Graph speaks it to a client that offers it: through a proxy's
 * tunnel, over TLS, to the stand-in for Graph that the benchmarks and the class-data training use
 * (training/fake-graph), every request of a run on the one connection. The other tests' fakes speak
 * HTTP/1.1 alone.
 */
class Http2IT {
    private static final Path DIST = Path.of("target", "dist").toAbsolutePath();
    private static final String TOKEN = "eyJhbGciOiJub25lIn0.eyJyb2xlcyI6WyJDaGF0LkNyZWF0ZSJdfQ.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;
    private long standIn;
    private String proxy;

    record Run(int exitCode, String out, String err) {
    }

    /**
     * A limit of 20 creations in any second, as a sliding window answering Retry-After: 1.
     *
     * @param refuse how many creates' streams to refuse unprocessed (REFUSED_STREAM), the first ones
     */
    private void startTheStandIn(int refuse) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(DIST.resolve("training/fake-graph").toString(), directory.toString(),
                "120", "20", "sliding").redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().remove("FAKE_GRAPH_HTTP");
        builder.environment().put("FAKE_GRAPH_REFUSE", Integer.toString(refuse));
        Process start = builder.start();
        String[] pidAndPort = new String(start.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split(" ");
        assertEquals(0, start.waitFor(), "training/fake-graph did not start");
        standIn = Long.parseLong(pidAndPort[0]);
        proxy = "http://127.0.0.1:" + pidAndPort[1];
    }

    @AfterEach
    void stopTheStandIn() {
        ProcessHandle.of(standIn).ifPresent(ProcessHandle::destroy);
    }

    @Test
    void aCreateTracedOverHttp2ShowsTheStatusOnceAndNoPseudoHeader() throws Exception {
        startTheStandIn(0);
        Run run = chat("create", "--group", "--topic", "On call", "-m", "jacob@contoso.com", "-m", "alex@contoso.com",
                "--verbose");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().matches("19:[0-9a-f]{32}@thread\\.v2\n"), run::toString);
        assertTrue(run.err().contains("\n< 201 ("), run::toString);
        assertFalse(run.err().contains("< :"), run::toString);
        JsonNode stats = stats();
        assertEquals(1, stats.path("created").asInt(), stats::toString);
        assertEquals(stats.path("requests").asInt(), stats.path("http2").asInt(), "not all over HTTP/2: " + stats);
    }

    @Test
    void aBulkRunPastTheLimitMakesEachChatOnceOverHttp2() throws Exception {
        startTheStandIn(0);
        Path input = directory.resolve("chats.jsonl");
        Files.write(input, ChatLines.generate(90));

        Run run = chat("create", "--from", input.toString(), "--journal", directory.resolve("journal").toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(90, run.out().lines().filter(line -> line.contains("\"status\":\"created\"")).count(), run::toString);
        JsonNode stats = stats();
        assertEquals(90, stats.path("created").asInt(), stats::toString);
        assertEquals(0, stats.path("duplicates").asInt(), stats::toString);
        assertTrue(stats.path("throttled").asInt() > 0, "the run never met the limit, so it proves little: " + stats);
        assertEquals(stats.path("requests").asInt(), stats.path("http2").asInt(), "not all over HTTP/2: " + stats);
        assertEquals(2, stats.path("connections").asInt(), "one connection for the run, one for this look: " + stats);
    }

    /** Graph did not process a refused stream (RFC 9113, 8.7): the group chat is asked for again, and made once. */
    @Test
    void aGroupCreateWhoseStreamGraphRefusedIsSentAgain() throws Exception {
        startTheStandIn(2);

        Run run = chat("create", "--group", "--topic", "Release", "-m", "jacob@contoso.com", "-m", "alex@contoso.com");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().matches("19:[0-9a-f]{32}@thread\\.v2\n"), run::toString);
        JsonNode stats = stats();
        assertEquals(1, stats.path("created").asInt(), stats::toString);
        assertEquals(2, stats.path("refused").asInt(), stats::toString);
    }

    /** The stand-in's count, asked through its proxy as chat asks, trusting what chat is told to trust. */
    private JsonNode stats() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(directory.resolve("trust.p12"))) {
            trust.load(in, "fake-graph".toCharArray());
        }
        TrustManagerFactory trusting = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusting.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trusting.getTrustManagers(), null);
        URI proxyUri = URI.create(proxy);
        HttpClient client = HttpClient.newBuilder().sslContext(tls)
                .proxy(ProxySelector.of(new InetSocketAddress(proxyUri.getHost(), proxyUri.getPort()))).build();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("https://graph.microsoft.com/stats"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer::body);
        return JSON.readTree(answer.body());
    }

    private Run chat(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(DIST.resolve("bin/chat").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("CHAT_") || variable.startsWith("AZURE_")
                || variable.equalsIgnoreCase("https_proxy") || variable.equalsIgnoreCase("no_proxy")
                || variable.equals("JAVA_OPTS"));
        builder.environment().put("HTTPS_PROXY", proxy);
        builder.environment().put("CHAT_ACCESS_TOKEN", TOKEN);
        builder.environment().put("CHAT_CONFIG_DIR", directory.resolve("config").toString());
        builder.environment().put("JAVA_OPTS", "-Djavax.net.ssl.trustStore=" + directory.resolve("trust.p12")
                + " -Djavax.net.ssl.trustStorePassword=fake-graph");
        Path out = directory.resolve("out");
        Path err = directory.resolve("err");
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "chat did not end");
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
