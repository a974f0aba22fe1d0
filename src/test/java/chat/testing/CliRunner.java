package chat.testing;

import chat.cli.ChatCli;
import chat.cli.CliContext;
import chat.cli.Terminal;
import chat.http.HttpSender;
import chat.http.HttpStack;
import chat.http.JdkHttpStack;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * Runs the real command line in-process with captured stdout and stderr, an environment of the
 * test's making (nothing of the real one leaks in), a fake clock and a sleeper that does not sleep.
 */
public final class CliRunner {
    public static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJzY3AiOiJDaGF0LkNyZWF0ZSJ9.c2VjcmV0";

    private final Map<String, String> env = new HashMap<>();
    // Starts at the real time, which tokens from the fakes and certificates are dated by; moves only with the sleeper.
    private final FakeClock clock = new FakeClock(Instant.now());
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final TestSignals signals = new TestSignals();
    private SSLContext tls;
    private InMemoryHttp offline;
    private boolean interactive;
    private boolean stdoutTerminal;
    private byte[] stdin = new byte[0];
    private int stdoutTakes = -1;
    private UnaryOperator<HttpSender> layer;

    /** Each runner signs in from a fresh, empty configuration directory of its own. */
    public CliRunner() {
        try {
            env.put("CHAT_CONFIG_DIR", Files.createTempDirectory("chat-config").resolve("chat").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where this runner's sign-in state lives (created on first sign-in). */
    public Path configDirectory() {
        return Path.of(env.get("CHAT_CONFIG_DIR"));
    }

    /** The result of one run. */
    public record Result(int exitCode, String out, String err) {
        /** stdout as JSON Lines, as a bulk run writes it. */
        public java.util.List<com.fasterxml.jackson.databind.JsonNode> jsonLines() {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            return out.lines().map(line -> {
                try {
                    return json.readTree(line);
                } catch (IOException e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                }
            }).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /**
     * A runner that has no network: the test fails if the run tries to send anything, to Graph or to
     * sign in. For what must be refused, or printed, before any request.
     */
    public static CliRunner offline() {
        CliRunner runner = new CliRunner();
        runner.offline = new InMemoryHttp();
        return runner;
    }

    /** A runner whose requests go to the fake, with a token in CHAT_ACCESS_TOKEN. */
    public static CliRunner against(FakeGraph graph) {
        return new CliRunner().env("CHAT_GRAPH_URL", graph.url()).env("CHAT_ACCESS_TOKEN", TOKEN);
    }

    public CliRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public CliRunner withoutEnv(String name) {
        env.remove(name);
        return this;
    }

    public CliRunner trusting(SSLContext tls) {
        this.tls = tls;
        return this;
    }

    /** As if a person were at a terminal, able to answer a device-code prompt. */
    public CliRunner interactive() {
        this.interactive = true;
        return this;
    }

    /** As if stdout were a terminal: JSON indented for a person. */
    public CliRunner stdoutTerminal() {
        this.stdoutTerminal = true;
        return this;
    }

    /** A stdout that takes this many characters and then fails every write, as a full disk or a closed pipe does. */
    public CliRunner stdoutTakes(int characters) {
        this.stdoutTakes = characters;
        return this;
    }

    public CliRunner stdin(String text) {
        return stdin(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public CliRunner stdin(byte[] bytes) {
        this.stdin = bytes.clone();
        return this;
    }

    /**
     * Every request passes through this on its way into the HTTP stack, below --verbose's trace: a fault
     * of the stack (a header lost, say) where the run cannot see it.
     */
    public CliRunner sendingThrough(UnaryOperator<HttpSender> layer) {
        this.layer = layer;
        return this;
    }

    /** A layer for {@link #sendingThrough}: the header is lost from every request that has it. */
    public static UnaryOperator<HttpSender> losingHeader(String name) {
        return sender -> (request, timeout) -> {
            Map<String, String> kept = new HashMap<>(request.headers());
            kept.keySet().removeIf(header -> header.equalsIgnoreCase(name));
            return sender.send(new chat.http.Request(request.method(), request.uri(), kept, request.body()), timeout);
        };
    }

    public RecordingSleeper sleeper() {
        return sleeper;
    }

    public FakeClock clock() {
        return clock;
    }

    /** Ctrl-C, sent when the test says. */
    public TestSignals signals() {
        return signals;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        HttpStack http = offline != null ? offline : new JdkHttpStack(env, () -> tls != null ? tls : defaultTls());
        CliContext context = new CliContext(env, new java.io.ByteArrayInputStream(stdin),
                new PrintWriter(stdoutTakes < 0 ? out : new FillingWriter(out, stdoutTakes), true),
                new PrintWriter(err, true), clock, sleeper, new Random(42), layer == null ? http : new Layered(http, layer),
                new Terminal(interactive, stdoutTerminal, false), signals);
        int exitCode = ChatCli.execute(context, args);
        Result result = new Result(exitCode, out.toString(), err.toString());
        if (offline != null && !offline.requests().isEmpty()) {
            throw new AssertionError("an offline run sent " + offline.requests().stream()
                    .map(request -> request.method() + " " + request.uri()).toList() + "\n" + result);
        }
        if (offline != null && !offline.closed()) {
            throw new AssertionError("the run left its HTTP stack open\n" + result);
        }
        return result;
    }

    /** Takes what fits, then fails: "No space left on device". */
    private static final class FillingWriter extends java.io.Writer {
        private final StringWriter taken;
        private int room;

        FillingWriter(StringWriter taken, int room) {
            this.taken = taken;
            this.room = room;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            int fits = Math.min(room, length);
            taken.write(chars, offset, fits);
            room -= fits;
            if (fits < length) {
                throw new IOException("No space left on device");
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** A stack whose sender sends through a layer of the test's. */
    private record Layered(HttpStack stack, UnaryOperator<HttpSender> layer) implements HttpStack {
        @Override
        public void prestart() {
            stack.prestart();
        }

        @Override
        public HttpSender sender() {
            return layer.apply(stack.sender());
        }

        @Override
        public void close() {
            stack.close();
        }
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
