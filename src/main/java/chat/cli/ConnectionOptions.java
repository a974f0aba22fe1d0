package chat.cli;

import chat.errors.UsageException;
import chat.graph.Cloud;
import chat.graph.GraphSettings;
import chat.graph.RetryPolicy;
import chat.http.ServiceUrl;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which cloud, and how long to keep trying: flags first, then the environment, then defaults. */
public final class ConnectionOptions {
    static final String GRAPH_URL_VARIABLE = "CHAT_GRAPH_URL";
    static final int MAX_TIMEOUT_SECONDS = 3600;

    @Mixin
    CloudOption cloud;

    @Option(names = "--max-retries", paramLabel = "N", order = 21,
            description = "Retries after throttling or a transient failure, 0 to " + RetryPolicy.MAX_MAX_RETRIES
                    + " (default: " + RetryPolicy.DEFAULT_MAX_RETRIES + ").")
    Integer maxRetries;

    @Option(names = "--timeout", paramLabel = "SECONDS", order = 22,
            description = "Give up after this long, retries included (default: 60).")
    Integer timeoutSeconds;

    GraphSettings resolve(Map<String, String> env) {
        Cloud chosen = cloud.resolve(env);
        int retries = maxRetries == null ? RetryPolicy.DEFAULT_MAX_RETRIES : maxRetries;
        if (retries < 0 || retries > RetryPolicy.MAX_MAX_RETRIES) {
            throw new UsageException("--max-retries " + retries + " is out of range: give 0 to "
                    + RetryPolicy.MAX_MAX_RETRIES);
        }
        Duration timeout = RetryPolicy.DEFAULT_TIMEOUT;
        if (timeoutSeconds != null) {
            if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
                throw new UsageException("--timeout " + timeoutSeconds + " is out of range: give 1 to "
                        + MAX_TIMEOUT_SECONDS + " seconds");
            }
            timeout = Duration.ofSeconds(timeoutSeconds);
        }
        return new GraphSettings(chosen, endpoint(env, chosen), retries, timeout);
    }

    /** Settings with the defaults, for commands that only sign in. */
    static GraphSettings defaults(Cloud cloud, Map<String, String> env) {
        return new GraphSettings(cloud, endpoint(env, cloud), RetryPolicy.DEFAULT_MAX_RETRIES, RetryPolicy.DEFAULT_TIMEOUT);
    }

    /** CHAT_GRAPH_URL sends requests to a stand-in for Graph; never a token in clear text off this machine. */
    private static String endpoint(Map<String, String> env, Cloud chosen) {
        String override = env.get(GRAPH_URL_VARIABLE);
        if (override == null || override.isBlank()) {
            return chosen.graphBase();
        }
        return ServiceUrl.parse(override, true).orElseThrow(() -> new UsageException(GRAPH_URL_VARIABLE + " '"
                + override + "' must be an https:// URL (http:// only to this machine), so that tokens never travel "
                + "in clear text"));
    }
}
