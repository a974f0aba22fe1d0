package chat.cli.docs;

import chat.errors.ExitCodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine;

/**
 * What help says beside the options, kept as data so that --help, `chat help TOPIC` and the man pages
 * say the same: each command's examples, and the environment variables and exit codes, which are
 * written once, in their own topics and in chat(1), and only named in each command's help.
 */
public final class HelpText {
    /** An environment variable and what it means. */
    public record Entry(String name, String description) {
    }

    /**
     * A command to copy and paste, and what it does.
     *
     * @param lines the command; a line but the last ends with " \", as a shell continues it
     */
    public record Example(String purpose, List<String> lines) {
        static Example of(String purpose, String... lines) {
            return new Example(purpose, List.of(lines));
        }
    }

    public static final List<Entry> ENVIRONMENT = List.of(
            new Entry("CHAT_ACCESS_TOKEN", "A Microsoft Graph access token obtained elsewhere."),
            new Entry("AZURE_TENANT_ID, AZURE_CLIENT_ID", "The tenant and app (client) id of an application "
                    + "credential; AZURE_CLIENT_ID with --managed-identity: a user-assigned identity."),
            new Entry("AZURE_CLIENT_SECRET", "Sign in as the app with this client secret."),
            new Entry("AZURE_CLIENT_CERTIFICATE_PATH", "Sign in as the app with this PEM or PKCS#12 certificate."),
            new Entry("AZURE_CLIENT_CERTIFICATE_PASSWORD", "The PKCS#12 certificate's password."),
            new Entry("AZURE_FEDERATED_TOKEN_FILE", "Sign in as the app with the workload identity (OIDC) token in "
                    + "this file, reread for every token."),
            new Entry("AZURE_AUTHORITY_HOST", "The sign-in host, instead of the cloud's (https:// only)."),
            new Entry("CHAT_CLOUD", "The national cloud when --cloud is not given."),
            new Entry("CHAT_CONFIG_DIR", "Where `chat login` keeps the account and tokens (default: "
                    + "$XDG_CONFIG_HOME/chat or ~/.config/chat, or the platform's configuration directory)."),
            new Entry("CHAT_TOKEN_CACHE", "'file': tokens in an owner-only file even where the platform has a "
                    + "keychain."),
            new Entry("CHAT_GRAPH_URL", "Send requests to this stand-in for Graph instead (https://, or http:// "
                    + "on this machine only)."),
            new Entry("HTTPS_PROXY", "Proxy for HTTPS, http://[user:password@]host:port (also https_proxy; "
                    + "HTTP_PROXY for http:// URLs)."),
            new Entry("NO_PROXY", "Hosts to reach directly, comma-separated (also no_proxy)."),
            new Entry("CI, TF_BUILD, JENKINS_URL", "Set by CI systems: never wait for a person to sign in."),
            new Entry("JAVA_HOME, JAVA_OPTS", "The Java runtime the launcher uses, and options it passes to it."),
            new Entry("NO_COLOR", "No colour in help."));

    /** Each command's examples, "chat" for the overview: two to four, short enough never to wrap. */
    static final Map<String, List<Example>> EXAMPLES = Map.of(
            "chat", List.of(
                    Example.of("Sign in, then make a chat between you and Alex: its id is printed",
                            "chat login", "chat create --one-on-one -m alex@contoso.com"),
                    Example.of("A group chat with a topic, its id kept for the next step",
                            "id=$(chat create --group --topic \"Release 7.2\" -m lead@contoso.com \\",
                            "  -m qa@contoso.com)"),
                    Example.of("Who chat signs in as, and until when", "chat status")),
            "create", List.of(
                    Example.of("Signed in with chat login: a chat between you and Alex, its id in $id",
                            "id=$(chat create --one-on-one -m alex@contoso.com)"),
                    Example.of("The on-call group's chat, made or found, with the alert as its first message",
                            "chat create --group --topic \"Incident 4711\" --members-of oncall@contoso.com \\",
                            "  --if-exists reuse --message \"Sev 2: checkout is down\""),
                    Example.of("Every chat of a JSON Lines file, resumable, no group chat made twice",
                            "chat create --from chats.jsonl --journal chats.journal --if-exists reuse"),
                    Example.of("What would be sent, without sending it",
                            "chat create --group -m jacob@contoso.com -m alex@contoso.com --dry-run -o json")),
            "login", List.of(
                    Example.of("Sign in with a code shown here, entered in a browser", "chat login"),
                    Example.of("Sign in to one tenant, in the US Government cloud",
                            "chat login --tenant contoso.onmicrosoft.us --cloud usgov"),
                    Example.of("Also grant what --members-of needs",
                            "chat login --scope GroupMember.Read.All --scope ChatMember.ReadWrite")),
            "logout", List.of(
                    Example.of("Forget the account and its tokens", "chat logout")),
            "status", List.of(
                    Example.of("Who chat would sign in as, with which permissions, until when", "chat status"),
                    Example.of("When the token expires, for a script", "chat status -o json | jq -r .expiresOn")),
            "generate-completion", List.of(
                    Example.of("bash, for this shell", "source <(chat generate-completion bash)"),
                    Example.of("zsh, for every shell to come", "chat generate-completion zsh > \"${fpath[1]}/_chat\""),
                    Example.of("fish", "chat generate-completion fish > ~/.config/fish/completions/chat.fish")));

    /** Microsoft's five documented examples, for chat-create(1). */
    static final List<Example> DOCUMENTED = List.of(
            Example.of("A one-on-one chat, members by object id",
                    "chat create --one-on-one -m 8b081ef6-4792-4def-b2c9-c363a1bf41d5 \\",
                    "  -m 82af01c5-f7cc-4a2e-a728-3a5df21afd9d"),
            Example.of("A group chat with a topic",
                    "chat create --group --topic \"Group chat title\" -m 8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca \\",
                    "  -m 82fe7758-5bb3-4f0d-a43f-e555fd399c6f -m 3626a173-f2bc-4883-bcf7-01514c3bfb82"),
            Example.of("A one-on-one chat, members by user principal name",
                    "chat create --one-on-one -m jacob@contoso.com -m alex@contoso.com"),
            Example.of("A group chat with an in-tenant guest",
                    "chat create --group --topic \"Group chat title\" -m 8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca \\",
                    "  -m 82fe7758-5bb3-4f0d-a43f-e555fd399c6f -g 8ba98af6-7fc2-4eb2-c7f2-aef9f21fd98a"),
            Example.of("A one-on-one chat with a user of another tenant",
                    "chat create --one-on-one -m 8b081ef6-4792-4def-b2c9-c363a1bf41d5 \\",
                    "  --federated 82af01c5-f7cc-4a2e-a728-3a5df21afd9d=4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1"));

    /** What `chat help TOPIC` shows besides the commands: name and summary. */
    public static final Map<String, String> TOPICS = topics();

    private static final int NAME_WIDTH = 21;
    private static final int WIDTH = 80;

    private HelpText() {
    }

    private static Map<String, String> topics() {
        Map<String, String> topics = new LinkedHashMap<>();
        topics.put("environment", "The environment variables chat reads.");
        topics.put("exit-codes", "What each exit status of chat means.");
        return topics;
    }

    /** The examples of a command ("chat" for the overview), as its help and man page show them. */
    public static List<Example> examples(String command) {
        return EXAMPLES.getOrDefault(command, List.of());
    }

    /** A command's footer: its examples, then one line naming where the rest is. */
    public static void addTo(CommandLine command) {
        UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        String name = command.getParent() == null ? "chat" : command.getCommandName();
        List<String> footer = new ArrayList<>();
        List<Example> examples = examples(name);
        if (!examples.isEmpty()) {
            footer.add("%nExamples:");
            for (Example example : examples) {
                footer.add("  # " + literal(example.purpose()));
                example.lines().forEach(line -> footer.add("  " + literal(line)));
            }
        }
        footer.add("%nMore: chat help exit-codes, chat help environment, man " + (name.equals("chat") ? "chat"
                : "chat-" + name) + ".");
        usage.footer(footer.toArray(String[]::new));
    }

    /** Footer text is a format string and may name variables: what is typed must stay as typed. */
    private static String literal(String text) {
        return text.replace("%", "%%").replace("${", "$${");
    }

    /** `chat help environment`. */
    public static String environment() {
        StringBuilder text = new StringBuilder("Environment variables chat reads; a flag beats the variable it "
                + "mirrors.\n\n");
        ENVIRONMENT.forEach(variable -> columns(text, variable.name(), variable.description(), NAME_WIDTH));
        return text.toString();
    }

    /** `chat help exit-codes`. */
    public static String exitCodes() {
        StringBuilder text = new StringBuilder("Exit codes of chat. Every failure is one line on stderr; with -o json "
                + "a JSON\nerror line follows it.\n\n");
        ExitCodes.descriptions().forEach((code, meaning) -> columns(text, code.strip(), meaning, 7));
        return text.toString();
    }

    /** "  NAME   description…", wrapped at 80, the description on a line of its own when the name is long. */
    private static void columns(StringBuilder text, String name, String description, int nameWidth) {
        StringBuilder line = new StringBuilder("  " + name);
        if (line.length() > nameWidth - 2) {
            text.append(line).append('\n');
            line.setLength(0);
        }
        line.append(" ".repeat(nameWidth - line.length()));
        for (String word : description.split(" ")) {
            if (line.length() > nameWidth && line.length() + 1 + word.length() > WIDTH) {
                text.append(line).append('\n');
                line = new StringBuilder(" ".repeat(nameWidth));
            }
            line.append(line.length() > nameWidth ? " " : "").append(word);
        }
        text.append(line).append('\n');
    }
}
