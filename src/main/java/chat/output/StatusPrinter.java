package chat.output;

import chat.auth.Feature;
import chat.json.Json;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `chat status`: labelled lines for people; for scripts one JSON object whose parts are data (an
 * instant, an array, the account and cloud as fields), as docs/json.md describes it. Never a token.
 */
public final class StatusPrinter {
    private final PrintWriter out;
    private final OutputFormat format;
    private final boolean indented;

    /**
     * What status found. Parts chat could not learn are null.
     *
     * @param credential  the credential, as a person reads it: "client secret (AZURE_CLIENT_SECRET)"
     * @param tokens      where a signed-in person's tokens are kept
     * @param permissions the token's scopes or roles; null when its claims cannot be read
     * @param features    what those permissions allow, by {@link Feature#key()}; null with them
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String credential, String tokens, Account account, String tenant, Cloud cloud,
                         List<String> permissions, Map<String, Boolean> features,
                         @JsonSerialize(using = ToStringSerializer.class) Instant expiresOn) {

        /** @param application whether the permissions are an application's (roles) */
        public static Map<String, Boolean> features(List<String> permissions, boolean application) {
            if (permissions == null) {
                return null;
            }
            Map<String, Boolean> features = new LinkedHashMap<>();
            for (Feature feature : Feature.values()) {
                features.put(feature.key(), feature.allowedBy(permissions, application));
            }
            return features;
        }
    }

    /** @param kind "delegated", "application" or "unknown"; the rest null when the token does not say */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Account(String kind, String username, String objectId, String displayName, String appId) {
    }

    /** @param graph the Graph host requests go to: "https://graph.microsoft.com" */
    public record Cloud(String name, String graph) {
    }

    public StatusPrinter(PrintWriter out, OutputFormat format, boolean indented) {
        this.out = out;
        this.format = format;
        this.indented = indented;
    }

    public void print(Status status, Instant now, ObjectMapper json) {
        if (format == OutputFormat.JSON) {
            JsonNode object = json.valueToTree(status);
            out.println(indented ? Json.pretty(json, object) : Json.compact(json, object));
        } else {
            Map<String, String> lines = text(status, now);
            int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
            lines.forEach((name, value) -> out.println(String.format("%-" + width + "s%s", name + ":", value)));
        }
        out.flush();
    }

    private static Map<String, String> text(Status status, Instant now) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("credential", status.credential());
        if (status.tokens() != null) {
            lines.put("tokens", status.tokens());
        }
        lines.put("account", account(status.account()));
        if (status.tenant() != null) {
            lines.put("tenant", status.tenant());
        }
        lines.put("cloud", status.cloud().name() + " (" + status.cloud().graph() + ")");
        if (status.permissions() != null && !status.permissions().isEmpty()) {
            lines.put("permissions", String.join(" ", status.permissions()));
        }
        if (status.features() != null) {
            lines.put("allows", allows(status.features()));
        }
        if (status.expiresOn() != null) {
            long minutes = Duration.between(now, status.expiresOn()).toMinutes();
            lines.put("expires", status.expiresOn() + (minutes >= 0 ? " (in " + minutes + " min)" : " (expired)"));
        }
        return lines;
    }

    /** "create, --if-exists; not --message, --members-of" */
    private static String allows(Map<String, Boolean> features) {
        List<String> allowed = new java.util.ArrayList<>();
        List<String> not = new java.util.ArrayList<>();
        for (Feature feature : Feature.values()) {
            (features.get(feature.key()) ? allowed : not).add(feature.shown());
        }
        return (allowed.isEmpty() ? "nothing chat does" : String.join(", ", allowed))
                + (not.isEmpty() ? "" : "; not " + String.join(", ", not));
    }

    private static String account(Account account) {
        return switch (account.kind()) {
            case "delegated" -> (account.username() != null ? account.username()
                    : account.objectId() != null ? account.objectId() : "a person the token does not name")
                    + " (delegated permissions)";
            case "application" -> "application " + (account.displayName() != null ? account.displayName()
                    : account.appId() != null ? account.appId() : "unknown") + " (application permissions)";
            default -> "unknown: chat cannot tell whose the token is";
        };
    }
}
