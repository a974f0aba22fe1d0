package chat.graph;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Microsoft clouds: each has its own Graph host and sign-in authority, and accepts only its own tokens. */
public enum Cloud {
    GLOBAL("global", "https://graph.microsoft.com", "https://login.microsoftonline.com"),
    USGOV("usgov", "https://graph.microsoft.us", "https://login.microsoftonline.us"),
    USGOV_DOD("usgov-dod", "https://dod-graph.microsoft.us", "https://login.microsoftonline.us"),
    CHINA("china", "https://microsoftgraph.chinacloudapi.cn", "https://login.chinacloudapi.cn");

    private final String cliName;
    private final String graphBase;
    private final String authorityHost;

    Cloud(String cliName, String graphBase, String authorityHost) {
        this.cliName = cliName;
        this.graphBase = graphBase;
        this.authorityHost = authorityHost;
    }

    public String cliName() {
        return cliName;
    }

    /** {@code https://graph.microsoft.com}: the host of requests, member binds and token scopes. */
    public String graphBase() {
        return graphBase;
    }

    public String authorityHost() {
        return authorityHost;
    }

    public static String names() {
        return Arrays.stream(values()).map(Cloud::cliName).collect(Collectors.joining(", "));
    }

    /** @param source where the name came from, for the error: "--cloud" or "CHAT_CLOUD" */
    public static Cloud parse(String name, String source) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(cloud -> cloud.cliName.equals(wanted)).findFirst().orElseThrow(() ->
                new IllegalArgumentException(source + " '" + name + "' is not a cloud: expected one of " + names()));
    }
}
