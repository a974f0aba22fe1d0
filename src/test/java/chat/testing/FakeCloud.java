package chat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Graph and the identity provider behind a CONNECT proxy, over TLS with a certificate for their real
 * host names: a run reaches them exactly as it reaches Microsoft's, by name, through HTTPS_PROXY.
 */
public final class FakeCloud implements AutoCloseable {
    private final FakeGraph graph;
    private final ConnectProxy proxy;

    private FakeCloud(FakeGraph graph, ConnectProxy proxy) {
        this.graph = graph;
        this.proxy = proxy;
    }

    public static FakeCloud start() {
        FakeGraph graph = FakeGraph.startTls(TestTls.get().serverContext());
        try {
            return new FakeCloud(graph, ConnectProxy.to(graph.port()));
        } catch (IOException e) {
            graph.close();
            throw new UncheckedIOException(e);
        }
    }

    public FakeGraph graph() {
        return graph;
    }

    public FakeIdentityProvider identityProvider() {
        return graph.identityProvider();
    }

    public ConnectProxy proxy() {
        return proxy;
    }

    /** A run with no credential yet, whose every connection goes through the proxy to the fakes. */
    public CliRunner runner() {
        return new CliRunner().env("HTTPS_PROXY", proxy.url()).trusting(TestTls.get().clientContext());
    }

    /** A second run sharing the first one's sign-in state, as a later process of the same user would. */
    public CliRunner runnerSharing(CliRunner first) {
        return runner().env("CHAT_CONFIG_DIR", first.configDirectory().toString());
    }

    @Override
    public void close() throws IOException {
        try {
            proxy.close();
        } finally {
            graph.close(); // whatever the proxy did: the fake's complaints are the test's failure
        }
    }
}
