package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import chat.testing.ConnectProxy;
import chat.testing.FakeGraph;
import chat.testing.Reply;
import chat.testing.TestTls;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HTTPS through the proxy that HTTPS_PROXY names, to the real Graph host name: the proxy tunnels to
 * a fake Graph that answers TLS with a certificate for graph.microsoft.com.
 */
class ProxyTest {
    private static final String[] ONE_ON_ONE = {"create", "--one-on-one", "-m", "jacob@contoso.com", "-m", "alex@contoso.com"};
    private static final String TENANT_ID = "4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1";
    private static final String APP_ID = "0f2b1a3c-5d4e-4f60-8a7b-9c8d7e6f5a4b";

    private static CliRunner throughProxy(String proxyUrl) {
        return new CliRunner().env("CHAT_ACCESS_TOKEN", CliRunner.TOKEN).env("HTTPS_PROXY", proxyUrl)
                .trusting(TestTls.get().clientContext());
    }

    @Test
    void httpsGoesThroughTheProxyToTheRealHostName() throws IOException {
        try (FakeGraph graph = FakeGraph.startTls(TestTls.get().serverContext());
             ConnectProxy proxy = ConnectProxy.to(graph.port())) {
            graph.reply(Reply.asGraph());
            CliRunner.Result result = throughProxy(proxy.url()).run(ONE_ON_ONE);

            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.out().endsWith("@unq.gbl.spaces\n"), result::toString);
            assertEquals(List.of("CONNECT graph.microsoft.com:443 HTTP/1.1"), proxy.connects().stream()
                    .map(line -> line.split("\r\n")[0]).toList());
            assertEquals(1, graph.requests().size());
            assertEquals("Bearer " + CliRunner.TOKEN, graph.requests().get(0).header("Authorization"));
        }
    }

    @Test
    void theLowerCaseVariableWorksAsWell() throws IOException {
        try (FakeGraph graph = FakeGraph.startTls(TestTls.get().serverContext());
             ConnectProxy proxy = ConnectProxy.to(graph.port())) {
            graph.reply(Reply.asGraph());
            CliRunner.Result result = new CliRunner().env("CHAT_ACCESS_TOKEN", CliRunner.TOKEN)
                    .env("https_proxy", proxy.url()).trusting(TestTls.get().clientContext()).run(ONE_ON_ONE);

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(1, proxy.connects().size());
        }
    }

    /**
     * The proxy's credentials go on the CONNECT, and Graph, behind the tunnel, gets the token and never
     * them. (With Java 17's proxy authenticator the token went missing, and Graph's 401 was told as a
     * rejected token.)
     */
    @Test
    void withProxyCredentialsTheTokenReachesGraphAndTheCredentialsOnlyTheProxy() throws IOException {
        try (FakeGraph graph = FakeGraph.startTls(TestTls.get().serverContext());
             ConnectProxy proxy = ConnectProxy.requiringCredentials(graph.port(), "svc-chat", "p@ss:w/rd")) {
            graph.reply(Reply.asGraph());
            CliRunner.Result result = throughProxy("http://svc-chat:p%40ss%3Aw%2Frd@127.0.0.1:" + proxy.port())
                    .run(withArgs("--verbose"));

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(List.of("CONNECT graph.microsoft.com:443 HTTP/1.1"), proxy.tunnels());
            assertEquals(List.of("Basic c3ZjLWNoYXQ6cEBzczp3L3Jk"), proxy.authorizations());
            assertEquals(1, graph.requests().size());
            assertEquals("Bearer " + CliRunner.TOKEN, graph.requests().get(0).header("Authorization"));
            assertNull(graph.requests().get(0).header("Proxy-Authorization"), "the proxy's credentials stay with it");
            assertFalse(result.err().contains("p@ss") || result.err().contains("cEBzczp3L3Jk"),
                    "the proxy password is never printed: " + result.err());
        }
    }

    /** A password as a person types it: its UTF-8 bytes, as curl sends them, whether percent-encoded or not. */
    @Test
    void aPasswordOutsideAsciiIsSentAsUtf8() throws IOException {
        for (String password : List.of("p%C3%A4sswort", "pässwort")) {
            try (FakeGraph graph = FakeGraph.startTls(TestTls.get().serverContext());
                 ConnectProxy proxy = ConnectProxy.requiringCredentials(graph.port(), "jürgen", "pässwort")) {
                graph.reply(Reply.asGraph());
                CliRunner.Result result = throughProxy("http://j%C3%BCrgen:" + password + "@127.0.0.1:" + proxy.port())
                        .run(ONE_ON_ONE);

                assertEquals(0, result.exitCode(), password + ": " + result);
                assertEquals(List.of("Basic " + java.util.Base64.getEncoder().encodeToString(
                        "jürgen:pässwort".getBytes(java.nio.charset.StandardCharsets.UTF_8))), proxy.authorizations());
                assertEquals("Bearer " + CliRunner.TOKEN, graph.requests().get(0).header("Authorization"));
            }
        }
    }

    /**
     * An application's sign-in goes through the proxy too, with its credentials; Graph then gets the
     * application's token.
     */
    @Test
    void anApplicationSignsInAndCreatesThroughAProxyThatAsksForCredentials() throws IOException {
        try (FakeGraph graph = FakeGraph.startTls(TestTls.get().serverContext());
             ConnectProxy proxy = ConnectProxy.requiringCredentials(graph.port(), "svc-chat", "pässwort")) {
            graph.identityProvider().withSecretApp(APP_ID, "app-secret");
            graph.reply(Reply.asGraph());
            CliRunner.Result result = asApplication("http://svc-chat:p%C3%A4sswort@127.0.0.1:" + proxy.port(), "app-secret")
                    .run(ONE_ON_ONE);

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(List.of("CONNECT login.microsoftonline.com:443 HTTP/1.1", "CONNECT graph.microsoft.com:443 HTTP/1.1"),
                    proxy.tunnels());
            assertEquals(1, graph.identityProvider().tokenRequests().size());
            String bearer = graph.requests().get(0).header("Authorization");
            assertTrue(bearer != null && bearer.startsWith("Bearer ey") && !bearer.equals("Bearer " + CliRunner.TOKEN),
                    "the application's own token: " + bearer);
            assertNull(graph.requests().get(0).header("Proxy-Authorization"));
        }
    }

    /** The sign-in service's refusal (a 401 with no challenge) is told as itself through such a proxy as well. */
    @Test
    void aWrongClientSecretThroughAProxyWithCredentialsIsTheSignInsRefusal() throws IOException {
        try (FakeGraph graph = FakeGraph.startTls(TestTls.get().serverContext());
             ConnectProxy proxy = ConnectProxy.requiringCredentials(graph.port(), "svc-chat", "secret")) {
            graph.identityProvider().withSecretApp(APP_ID, "the-right-one");
            CliRunner.Result result = asApplication("http://svc-chat:secret@127.0.0.1:" + proxy.port(), "a-wrong-one")
                    .run(ONE_ON_ONE);

            assertEquals(3, result.exitCode(), result::toString);
            assertTrue(result.err().startsWith("chat: sign-in refused (invalid_client): AADSTS7000215"), result::toString);
            assertEquals(List.of(), graph.requests());
        }
    }

    /** @param proxyUrl with the proxy's credentials */
    private static CliRunner asApplication(String proxyUrl, String secret) {
        return new CliRunner().env("AZURE_TENANT_ID", TENANT_ID).env("AZURE_CLIENT_ID", APP_ID)
                .env("AZURE_CLIENT_SECRET", secret).env("HTTPS_PROXY", proxyUrl).trusting(TestTls.get().clientContext());
    }

    @Test
    void aProxyAskingForCredentialsThatAreNotGivenIsExplained() throws IOException {
        try (FakeGraph graph = FakeGraph.startTls(TestTls.get().serverContext());
             ConnectProxy proxy = ConnectProxy.requiringCredentials(graph.port(), "svc-chat", "secret")) {
            CliRunner.Result result = throughProxy(proxy.url()).run(ONE_ON_ONE);

            assertEquals(3, result.exitCode(), result::toString);
            assertEquals(List.of(), graph.requests());
            assertEquals("chat: the proxy 127.0.0.1:" + proxy.port() + " (HTTPS_PROXY) asks for credentials (407): give "
                    + "them in HTTPS_PROXY as http://user:password@host:port; nothing reached graph.microsoft.com\n",
                    result.err());
        }
    }

    /** Nothing reached Graph, so no chat can exist: the proxy's refusal is told as what it is. */
    @Test
    void aProxyRefusingTheCredentialsGivenSaysSoAndWarnsOfNoChat() throws IOException {
        try (FakeGraph graph = FakeGraph.startTls(TestTls.get().serverContext());
             ConnectProxy proxy = ConnectProxy.requiringCredentials(graph.port(), "svc-chat", "right")) {
            for (String[] kind : List.of(ONE_ON_ONE, new String[] {"create", "--group", "-m", "jacob@contoso.com", "-m",
                    "alex@contoso.com", "-m", "megan@contoso.com"})) {
                CliRunner.Result result = throughProxy("http://svc-chat:wrong@127.0.0.1:" + proxy.port()).run(kind);

                assertEquals(3, result.exitCode(), result::toString);
                assertEquals("chat: the proxy 127.0.0.1:" + proxy.port() + " (HTTPS_PROXY) refused the credentials "
                        + "HTTPS_PROXY gives it (407): nothing reached graph.microsoft.com\n", result.err());
                assertTrue(!result.err().contains("wrong"), "the proxy password is never printed");
            }
            assertEquals(List.of(), graph.requests());
        }
    }

    /**
     * A proxy that will not open the tunnel (any 4xx but 407) will not change its mind: told at once,
     * naming the proxy and its answer, exit 5, no retry; nothing reached Graph, so no chat can exist.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"404 Not Found", "403 Forbidden", "400 Bad Request"})
    void aProxyRefusingTheTunnelIsToldAtOnce(String status) throws IOException {
        try (ConnectProxy proxy = ConnectProxy.refusing(status)) {
            for (String[] kind : List.of(ONE_ON_ONE, new String[] {"create", "--group", "-m", "jacob@contoso.com", "-m",
                    "alex@contoso.com", "-m", "megan@contoso.com"})) {
                CliRunner runner = throughProxy(proxy.url());
                int before = proxy.connects().size();
                CliRunner.Result result = runner.run(kind);

                assertEquals(5, result.exitCode(), result::toString);
                assertEquals("chat: the proxy 127.0.0.1:" + proxy.port() + " (HTTPS_PROXY) refused a tunnel to "
                        + "graph.microsoft.com:443 (" + status.substring(0, 3) + "): nothing reached graph.microsoft.com; "
                        + "check HTTPS_PROXY, or ask whoever runs the proxy to allow graph.microsoft.com\n", result.err());
                assertEquals(before + 1, proxy.connects().size(), "asked once, not again");
                assertEquals(List.of(), runner.sleeper().waits(), "no wait for a retry");
            }
        }
    }

    /** The sign-in service behind such a proxy is told the same way: not a sign-in refused (3), no answer (5). */
    @Test
    void aProxyRefusingTheTunnelToTheSignInServiceIsToldAtOnce() throws IOException {
        try (ConnectProxy proxy = ConnectProxy.refusing("403 Forbidden")) {
            CliRunner.Result result = asApplication(proxy.url(), "app-secret").run(ONE_ON_ONE);

            assertEquals(5, result.exitCode(), result::toString);
            assertEquals("chat: the proxy 127.0.0.1:" + proxy.port() + " (HTTPS_PROXY) refused a tunnel to "
                    + "login.microsoftonline.com:443 (403): nothing reached login.microsoftonline.com; check HTTPS_PROXY, "
                    + "or ask whoever runs the proxy to allow login.microsoftonline.com\n", result.err());
            assertEquals(1, proxy.connects().size(), "asked once, not again: " + proxy.connects());
        }
    }

    @Test
    void aProxyThatIsNotListeningIsNamed() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CliRunner.Result result = throughProxy("http://127.0.0.1:" + closedPort).run(withArgs("--max-retries", "0"));

        assertEquals(5, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("chat: gave up after 1 attempt; the last: cannot connect to the proxy 127.0.0.1:"
                + closedPort + " (HTTPS_PROXY)"), result::toString);
    }

    @Test
    void noProxyListsHostsReachedDirectly() throws IOException {
        try (FakeGraph graph = FakeGraph.start(); ConnectProxy proxy = ConnectProxy.to(graph.port())) {
            CliRunner.Result result = CliRunner.against(graph).env("HTTPS_PROXY", proxy.url())
                    .env("CHAT_GRAPH_URL", "https://graph.microsoft.com")
                    .env("NO_PROXY", "example.org, .microsoft.com")
                    .env("HTTPS_PROXY", proxy.url())
                    .run(withArgs("--max-retries", "0", "--timeout", "3"));

            assertEquals(List.of(), proxy.connects(), "the proxy is not used for a NO_PROXY host");
            assertEquals(5, result.exitCode(), "graph.microsoft.com itself is unreachable here: " + result);
        }
    }

    private static String[] withArgs(String... more) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(ONE_ON_ONE), java.util.stream.Stream.of(more))
                .toArray(String[]::new);
    }
}
