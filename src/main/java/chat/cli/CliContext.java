package chat.cli;

import chat.graph.Sleeper;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;

/**
 * Everything a command reads from or does to the world outside it, passed in so that tests can
 * replace each part: the environment, the two output streams, time, and TLS trust.
 */
public record CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, Clock clock, Sleeper sleeper,
                         RandomGenerator random, Supplier<SSLContext> tls) {

    public CliContext {
        env = Map.copyOf(env);
    }

    public static CliContext system() {
        Charset charset = Charset.defaultCharset();
        return new CliContext(System.getenv(),
                new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true),
                Clock.systemUTC(), Sleeper.system(), RandomGenerator.getDefault(), CliContext::defaultTls);
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no TLS", e);
        }
    }
}
