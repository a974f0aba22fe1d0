package chat.cli;

import chat.graph.GraphClient;
import chat.graph.GraphSettings;
import chat.graph.Pacer;
import chat.graph.RetryPolicy;
import chat.graph.RetryingSender;
import chat.graph.Sleeper;
import chat.http.HttpSender;
import chat.http.TracingSender;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Wires the HTTP layers: one JDK client (one proxy, one TLS context) for Graph and sign-in alike,
 * the --verbose trace around it, and for Graph the retries around both.
 */
final class GraphConnection {
    private GraphConnection() {
    }

    static HttpSender sender(CliContext context, boolean verbose) {
        HttpSender sender = context.http().sender();
        return verbose ? new TracingSender(sender, context.err(), context.clock()) : sender;
    }

    static GraphClient client(CliContext context, GraphSettings graph, HttpSender sender, ObjectMapper json) {
        return client(context, graph, sender, json, Pacer.NONE, context.sleeper(), note(context));
    }

    /**
     * @param pacer   shared by the requests of a bulk run; {@link Pacer#NONE} for one
     * @param sleeper for the waits between attempts (a bulk run's ends when the run is stopped)
     * @param notices where retries are told; a bulk run tells its results instead
     */
    static GraphClient client(CliContext context, GraphSettings graph, HttpSender sender, ObjectMapper json,
                              Pacer pacer, Sleeper sleeper, java.util.function.Consumer<String> notices) {
        RetryPolicy policy = RetryPolicy.of(graph.maxRetries(), graph.timeout(), context.random());
        RetryingSender retrying = new RetryingSender(sender, policy, context.clock(), sleeper, notices, json, pacer);
        return new GraphClient(graph.endpoint(), graph.cloud().graphBase(), retrying, json, Version.userAgent());
    }

    /** A line on stderr, "chat: " first. */
    static java.util.function.Consumer<String> note(CliContext context) {
        return line -> {
            context.err().println("chat: " + line);
            context.err().flush();
        };
    }
}
