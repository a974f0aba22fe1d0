package chat.cli.docs;

import chat.errors.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine;

/**
 * What every command's help shares — exit codes, environment variables — and the examples of
 * create, kept as data so that --help and the man pages say the same.
 */
public final class HelpText {
    /** A name and what it means: an environment variable, or an example's command and purpose. */
    public record Entry(String name, String description) {
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

    /** Microsoft's five documented examples, then the one scripts use most. */
    public static final List<Entry> CREATE_EXAMPLES = List.of(
            new Entry("chat create --one-on-one -m ID -m ID", "A one-on-one chat, members by object id."),
            new Entry("chat create --group --topic \"Group chat title\" -m ID -m ID -m ID", "A group chat with a topic."),
            new Entry("chat create --one-on-one -m jacob@contoso.com -m alex@contoso.com",
                    "A one-on-one chat, members by user principal name."),
            new Entry("chat create --group --topic \"Group chat title\" -m ID -m ID -g GUEST_ID",
                    "A group chat with an in-tenant guest."),
            new Entry("chat create --one-on-one -m ID --federated USER_ID=TENANT_ID",
                    "A one-on-one chat with a user of another tenant."),
            new Entry("id=$(chat create --one-on-one -m alex@contoso.com)",
                    "Signed in with chat login: a chat between you and Alex, its id in $id."),
            new Entry("chat create --group -m ID -m ID --if-exists reuse --message \"Sev 2: checkout is down\"",
                    "The incident's chat, made or found, with the alert as its first message."),
            new Entry("chat create --from chats.jsonl --journal chats.journal --if-exists reuse",
                    "Every chat of a JSON Lines file, resumable, no group chat made twice."));

    private static final int NAME_WIDTH = 21;
    private static final int WIDTH = 80;

    private HelpText() {
    }

    /** The shared sections, added to one command's help. */
    public static void addTo(CommandLine command) {
        UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.descriptions());
        List<String> footer = new ArrayList<>();
        if (command.getCommandName().equals("create")) {
            footer.add("%nExamples:");
            CREATE_EXAMPLES.forEach(example -> footer.add("  " + example.name().replace("%", "%%")));
        }
        footer.add("%nEnvironment:");
        for (Entry variable : ENVIRONMENT) {
            footer.addAll(columns(variable));
        }
        usage.footer(footer.toArray(String[]::new));
    }

    /** "  NAME   description…", wrapped, the description on a line of its own when the name is long. */
    private static List<String> columns(Entry entry) {
        List<String> lines = new ArrayList<>();
        String indent = " ".repeat(NAME_WIDTH);
        StringBuilder line = new StringBuilder("  " + entry.name());
        if (line.length() > NAME_WIDTH - 2) {
            lines.add(line.toString());
            line = new StringBuilder(indent);
        } else {
            line.append(" ".repeat(NAME_WIDTH - line.length()));
        }
        int start = line.length();
        for (String word : entry.description().split(" ")) {
            if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
                start = line.length();
            }
            line.append(line.length() > start ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
