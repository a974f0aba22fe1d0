package chat.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/** The help sections every command shares: exit codes and environment variables. */
final class HelpText {
    static final String[] ENVIRONMENT = {
        "  CHAT_ACCESS_TOKEN  A Microsoft Graph access token obtained elsewhere.",
        "  AZURE_TENANT_ID, AZURE_CLIENT_ID",
        "                     The tenant and app (client) id of an app credential;",
        "                     AZURE_CLIENT_ID alone: a user-assigned managed identity.",
        "  AZURE_CLIENT_SECRET",
        "                     Sign in as the app with this client secret.",
        "  AZURE_CLIENT_CERTIFICATE_PATH, AZURE_CLIENT_CERTIFICATE_PASSWORD",
        "                     Sign in as the app with this PEM or PKCS#12 certificate.",
        "  AZURE_FEDERATED_TOKEN_FILE",
        "                     Sign in as the app with this workload identity token.",
        "  AZURE_AUTHORITY_HOST",
        "                     The sign-in host, instead of the cloud's.",
        "  CHAT_CLOUD         The national cloud when --cloud is not given.",
        "  CHAT_CONFIG_DIR    Where `chat login` keeps the account (default:",
        "                     ~/.config/chat, or the platform's config directory).",
        "  CHAT_TOKEN_CACHE   'file': tokens in an owner-only file even where the",
        "                     platform has a keychain.",
        "  CHAT_GRAPH_URL     Send requests to this stand-in for Graph instead",
        "                     (https://, or http:// on this machine only).",
        "  HTTPS_PROXY        Proxy for HTTPS: http://[user:password@]host:port",
        "                     (also https_proxy; HTTP_PROXY for http:// URLs).",
        "  NO_PROXY           Hosts to reach directly, comma-separated (also no_proxy).",
        "  CI                 Set by CI systems: never wait for a person to sign in.",
        "  NO_COLOR           No colour in help.",
    };

    // Microsoft's five documented examples, one line each, then the one scripts use most.
    static final String[] CREATE_EXAMPLES = {
        "  chat create --one-on-one -m ID -m ID",
        "  chat create --group --topic \"Group chat title\" -m ID -m ID -m ID",
        "  chat create --one-on-one -m jacob@contoso.com -m alex@contoso.com",
        "  chat create --group --topic \"Group chat title\" -m ID -m ID -g GUEST_ID",
        "  chat create --one-on-one -m ID --federated USER_ID=TENANT_ID",
        "  id=$(chat create --one-on-one -m jacob@contoso.com -m alex@contoso.com)",
    };

    private HelpText() {
    }

    static void addTo(CommandLine command) {
        UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.descriptions());
        List<String> footer = new ArrayList<>();
        if (command.getCommandName().equals("create")) {
            footer.add("%nExamples:");
            footer.addAll(List.of(CREATE_EXAMPLES));
        }
        footer.add("%nEnvironment:");
        footer.addAll(List.of(ENVIRONMENT));
        usage.footer(footer.toArray(String[]::new));
    }
}
