package chat.cli;

import chat.errors.UsageException;
import chat.graph.Sleeper;
import chat.http.HttpStack;
import chat.http.JdkHttpStack;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Map;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;

/**
 * Everything a command reads from or does to the world outside it, passed in so that tests can
 * replace each part: the environment, the standard streams, time, the HTTP client (and its TLS
 * trust), which streams are a terminal, and the signals that stop a run.
 */
public record CliContext(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, Clock clock,
                         Sleeper sleeper, RandomGenerator random, HttpStack http, Terminal terminal, Signals signals) {

    public CliContext {
        env = Map.copyOf(env);
    }

    public static CliContext system() {
        Charset charset = Charset.defaultCharset();
        Map<String, String> env = System.getenv();
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
        // Over System.out itself, whose failed writes (a full disk, a closed pipe) checkError() then reports
        PrintWriter out = new PrintWriter(System.out, true, charset);
        return new CliContext(env, System.in, out, err,
                Clock.systemUTC(), Sleeper.system(), new java.util.Random(),
                new JdkHttpStack(env, CliContext::defaultTls), Terminal.detect(env), new ProcessSignals(err));
    }

    /** Standard input as {@code OPTION -} reads it: refused where the process has none, and never closed. */
    InputStream stdin(String option, String what) {
        if (terminal.stdinClosed()) {
            throw new UsageException(option + " -: standard input is closed: give a file, or send " + what + " into it");
        }
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // stdin stays open: it is not this run's to close
            }
        };
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no TLS", e);
        }
    }
}
