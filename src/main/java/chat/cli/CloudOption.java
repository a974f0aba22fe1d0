package chat.cli;

import chat.errors.UsageException;
import chat.graph.Cloud;
import java.util.Map;
import picocli.CommandLine.Option;

/** --cloud, else CHAT_CLOUD, else global. */
public final class CloudOption {
    static final String VARIABLE = "CHAT_CLOUD";

    @Option(names = "--cloud", paramLabel = "CLOUD", order = 20, completionCandidates = CloudNames.class,
            description = "global (default), usgov, usgov-dod or china (env CHAT_CLOUD).")
    String cloud;

    static final class CloudNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Cloud.values()).map(Cloud::cliName).iterator();
        }
    }

    Cloud resolve(Map<String, String> env) {
        try {
            return cloud != null ? Cloud.parse(cloud, "--cloud")
                    : env.get(VARIABLE) != null && !env.get(VARIABLE).isBlank() ? Cloud.parse(env.get(VARIABLE), VARIABLE)
                    : Cloud.GLOBAL;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
