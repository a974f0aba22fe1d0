package chat.cli;

import chat.graph.Sleeper;
import chat.http.HttpStack;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Map;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;

/**
 * Everything a command reads from or does to the world outside it, passed in so that tests can
 * replace each part: the environment, the two output streams, time, the HTTP client (and its TLS
 * trust), and whether a person is there to answer a prompt.
 *
 * @param interactive whether a person can answer at a terminal (stdin and stderr are terminals, and
 *                    this is not a CI run): only then may a run wait for a sign-in
 */
public record CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, Clock clock, Sleeper sleeper,
                         RandomGenerator random, HttpStack http, boolean interactive) {
    /** The launcher, which can ask the shell, passes -Dchat.interactive=true|false. */
    static final String INTERACTIVE_PROPERTY = "chat.interactive";

    public CliContext {
        env = Map.copyOf(env);
    }

    public static CliContext system() {
        Charset charset = Charset.defaultCharset();
        Map<String, String> env = System.getenv();
        return new CliContext(env,
                new PrintWriter(new OutputStreamWriter(System.out, charset), true),
                new PrintWriter(new OutputStreamWriter(System.err, charset), true),
                Clock.systemUTC(), Sleeper.system(), new java.util.Random(),
                new HttpStack(env, CliContext::defaultTls), detectInteractive(env));
    }

    static boolean detectInteractive(Map<String, String> env) {
        if (isSet(env.get("CI")) || isSet(env.get("TF_BUILD")) || env.get("JENKINS_URL") != null) {
            return false;
        }
        String told = System.getProperty(INTERACTIVE_PROPERTY);
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        Path fds = Path.of("/proc/self/fd");
        if (Files.isDirectory(fds)) {
            return isTerminal(fds.resolve("0")) && isTerminal(fds.resolve("2"));
        }
        return System.console() != null; // stdin and stdout are terminals
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank() && !value.equalsIgnoreCase("false") && !value.equals("0");
    }

    private static boolean isTerminal(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no TLS", e);
        }
    }
}
