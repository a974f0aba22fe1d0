package chat.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.testing.ConnectProxy;
import chat.testing.FakeGraph;
import chat.testing.FakeIdentityProvider;
import chat.testing.RecordedRequest;
import chat.testing.Reply;
import chat.testing.Squid;
import chat.testing.TestTls;
import chat.testing.Tokens;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed command through squid asking for Basic credentials, as a company's proxy does: the
 * credentials of HTTPS_PROXY open the tunnels, Graph behind them gets the bearer token on every
 * request and never the proxy's credentials, and a password is sent as the UTF-8 a person typed.
 * Graph and the sign-in service are the fakes, reached by their real names on port 443 (squid hands
 * its tunnels to a parent proxy of the test's, which ends them at the fakes).
 */
class SquidIT {
    private static final Path CHAT = Path.of("target", "dist", "bin", "chat").toAbsolutePath();
    private static final String USER = "svc-chat";
    /** Reserved characters, which the proxy URL carries percent-encoded. */
    private static final String RESERVED = "p@ss:w/rd";
    private static final String RESERVED_IN_URL = "p%40ss%3Aw%2Frd";
    /** Letters outside ASCII, which the proxy URL carries as typed (UTF-8 bytes, made by printf in the shell). */
    private static final String NON_ASCII = "pässwort";
    private static final String NON_ASCII_IN_SHELL = "$(printf 'p\\303\\244sswort')";
    private static final String TENANT = "4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1";
    private static final String APP_ID = "0f2b1a3c-5d4e-4f60-8a7b-9c8d7e6f5a4b";
    private static final String APP_SECRET = "app-secret~value";
    private static final String PERSON = Tokens.unsigned("{\"scp\":\"Chat.Create Chat.ReadBasic User.ReadBasic.All\","
            + "\"oid\":\"" + FakeIdentityProvider.USER_ID + "\",\"upn\":\"" + FakeIdentityProvider.USERNAME + "\","
            + "\"tid\":\"" + FakeIdentityProvider.TENANT_ID + "\"}");
    private static Path trustStore;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void squidAndTrust(@TempDir Path directory) throws Exception {
        assumeTrue(Squid.binary().isPresent(), "squid is not installed (apt-get install squid): the runs through a "
                + "real proxy are skipped; CI installs it");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("graph", TestTls.get().certificate());
        trustStore = directory.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, "trust-it".toCharArray());
        }
    }

    /** The fakes, the parent proxy that ends every tunnel at them, and squid in front; closed in reverse. */
    private static final class Behind implements AutoCloseable {
        final FakeGraph graph = FakeGraph.startTls(TestTls.get().serverContext());
        final ConnectProxy parent;
        final Squid squid;

        Behind() throws IOException, InterruptedException {
            parent = ConnectProxy.to(graph.port());
            try {
                squid = Squid.start(Map.of(USER, RESERVED, "svc-intl", NON_ASCII), parent.port());
            } catch (IOException | InterruptedException | RuntimeException e) {
                parent.close();
                graph.close();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                squid.close();
                parent.close();
            } finally {
                graph.close(); // last: its complaints are the test's failure
            }
        }
    }

    @Test
    void aPersonsTokenReachesGraphOnEveryRequestAndThePasswordNeverShows() throws Exception {
        try (Behind behind = new Behind()) {
            behind.graph.answeringAsGraph();
            Run run = run(Map.of("CHAT_ACCESS_TOKEN", PERSON), "\"" + behind.squid.url(USER + ":" + RESERVED_IN_URL) + "\"",
                    "create", "--group", "--topic", "Incident", "--if-exists", "reuse", "-m", "jacob@contoso.com",
                    "-m", "alex@contoso.com", "--verbose");

            assertEquals(0, run.exitCode(), () -> run + behind.squid.log());
            assertTrue(run.out().matches("19:[0-9a-f]{32}@thread\\.v2\n"), run::toString);
            List<RecordedRequest> requests = behind.graph.requests();
            assertTrue(requests.size() >= 2, "a listing, then the create: " + requests);
            assertEquals(1, behind.graph.creates().size());
            for (RecordedRequest request : requests) {
                assertEquals("Bearer " + PERSON, request.header("Authorization"), request.method() + " " + request.path());
                assertNull(request.header("Proxy-Authorization"), request.method() + " " + request.path());
            }
            assertTunnelledAs(behind.squid, USER, "graph.microsoft.com:443");
            assertPasswordNeverShown(run, RESERVED, RESERVED_IN_URL);
            assertTrue(run.err().contains("> Authorization: Bearer [redacted]"), "the trace is there: " + run.err());
        }
    }

    @Test
    void anApplicationSignsInAndCreatesWithAPasswordOutsideAscii() throws Exception {
        try (Behind behind = new Behind()) {
            behind.graph.identityProvider().withSecretApp(APP_ID, APP_SECRET);
            behind.graph.reply(Reply.asGraph());
            Run run = run(Map.of("AZURE_TENANT_ID", TENANT, "AZURE_CLIENT_ID", APP_ID, "AZURE_CLIENT_SECRET", APP_SECRET),
                    "\"http://svc-intl:" + NON_ASCII_IN_SHELL + "@127.0.0.1:" + behind.squid.port() + "\"",
                    "create", "--one-on-one", "-m", "jacob@contoso.com", "-m", "alex@contoso.com", "--verbose");

            assertEquals(0, run.exitCode(), () -> run + behind.squid.log());
            assertTrue(run.out().endsWith("@unq.gbl.spaces\n"), run::toString);
            assertEquals(1, behind.graph.identityProvider().tokenRequests().size());
            assertEquals("login.microsoftonline.com", behind.graph.identityProvider().tokenRequests().get(0).host());
            RecordedRequest create = behind.graph.requests().get(0);
            String bearer = create.header("Authorization");
            assertTrue(bearer != null && bearer.startsWith("Bearer ") && new String(Base64.getUrlDecoder().decode(
                    bearer.substring(7).split("\\.")[1]), StandardCharsets.UTF_8).contains("\"appid\":\"" + APP_ID + "\""),
                    "the application's token: " + bearer);
            assertNull(create.header("Proxy-Authorization"));
            assertTunnelledAs(behind.squid, "svc-intl", "login.microsoftonline.com:443");
            assertTunnelledAs(behind.squid, "svc-intl", "graph.microsoft.com:443");
            assertPasswordNeverShown(run, NON_ASCII, "p%C3%A4sswort");
            assertFalse(run.err().contains(APP_SECRET), "nor the client secret");
        }
    }

    /** squid's 407: exit 3, said as the proxy's refusal, and nothing reached Graph or the sign-in service. */
    @Test
    void wrongCredentialsAreRefusedAndNothingIsSent() throws Exception {
        try (Behind behind = new Behind()) {
            for (Map<String, String> credential : List.of(Map.of("CHAT_ACCESS_TOKEN", PERSON),
                    Map.of("AZURE_TENANT_ID", TENANT, "AZURE_CLIENT_ID", APP_ID, "AZURE_CLIENT_SECRET", APP_SECRET))) {
                Run run = run(credential, "\"" + behind.squid.url(USER + ":wrong-password") + "\"",
                        "create", "--group", "-m", "jacob@contoso.com", "-m", "alex@contoso.com");

                assertEquals(3, run.exitCode(), run::toString);
                assertTrue(run.err().startsWith("chat: the proxy 127.0.0.1:" + behind.squid.port() + " (HTTPS_PROXY) "
                        + "refused the credentials HTTPS_PROXY gives it (407): nothing reached "), run::toString);
                assertFalse(run.err().contains("wrong-password"), run::toString);
            }
            assertEquals(List.of(), behind.graph.requests());
            assertEquals(List.of(), behind.graph.identityProvider().seen());
            assertEquals(List.of(), behind.parent.connects(), "squid opened no tunnel");
        }
    }

    /** squid's access log names the user it let through to this host and port. */
    private static void assertTunnelledAs(Squid squid, String user, String hostAndPort) throws Exception {
        assertTrue(squid.logs(line -> line.contains("/200 ") && line.contains(" CONNECT " + hostAndPort + " " + user + " ")),
                "squid let " + user + " through to " + hostAndPort + ": " + squid.accessLog());
    }

    private static void assertPasswordNeverShown(Run run, String password, String inUrl) {
        String basic = Base64.getEncoder().encodeToString((password).getBytes(StandardCharsets.UTF_8));
        for (String shown : List.of(password, inUrl, basic)) {
            assertFalse(run.err().contains(shown) || run.out().contains(shown), "the proxy password is never printed: "
                    + run.err());
        }
    }

    /**
     * bin/chat with HTTPS_PROXY set in a shell from {@code proxyUrl} (shell text, so that bytes outside
     * ASCII arrive as typed, whatever this JVM's locale), the environment given, and nothing of the
     * caller's credentials or proxy settings.
     */
    private static Run run(Map<String, String> env, String proxyUrl, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "HTTPS_PROXY=" + proxyUrl + "; export HTTPS_PROXY; "
                + "exec \"$0\" \"$@\"", CHAT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_") || name.startsWith("AZURE_")
                || name.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy") || name.equals("JAVA_OPTS"));
        builder.environment().put("CHAT_CONFIG_DIR", Files.createTempDirectory("chat-it").toString());
        builder.environment().put("JAVA_OPTS", "-Djavax.net.ssl.trustStore=" + trustStore
                + " -Djavax.net.ssl.trustStorePassword=trust-it");
        builder.environment().putAll(env);
        Path out = Files.createTempFile("chat-out", ".txt");
        Path err = Files.createTempFile("chat-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "chat did not end");
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
