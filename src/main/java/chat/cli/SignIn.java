package chat.cli;

import chat.auth.ConfigDirectory;
import chat.auth.Credential;
import chat.auth.Credentials;
import chat.auth.LoginProfiles;
import chat.auth.SignInContext;
import chat.auth.SignInOptions;
import chat.auth.SignInSettingsException;
import chat.graph.Cloud;
import chat.graph.GraphSettings;
import chat.http.HttpSender;
import chat.http.ServiceUrl;
import java.nio.file.Path;

/** The sign-in side of a run, shared by the commands: where its state lives and how it is chosen. */
final class SignIn {
    static final String AUTHORITY_HOST_VARIABLE = "AZURE_AUTHORITY_HOST";

    private SignIn() {
    }

    static Path configDirectory(CliContext context) {
        return ConfigDirectory.of(context.env());
    }

    static Credential choose(CliContext context, SignInOptions flags, Cloud cloud, boolean mayPrompt) {
        return Credentials.choose(flags, context.env(),
                () -> new LoginProfiles(configDirectory(context)).forCloud(cloud.cliName()),
                mayPrompt && context.interactive());
    }

    static SignInContext context(CliContext context, GraphSettings graph, HttpSender sender) {
        return new SignInContext(authorityHost(context, graph.cloud()), graph.cloud().graphBase(), graph.cloud().cliName(),
                sender, graph.timeout(), configDirectory(context), context.env(), context.err(), context.clock());
    }

    /** The cloud's sign-in host, or AZURE_AUTHORITY_HOST's (https only: credentials travel to it). */
    static String authorityHost(CliContext context, Cloud cloud) {
        String override = context.env().get(AUTHORITY_HOST_VARIABLE);
        if (override == null || override.isBlank()) {
            return cloud.authorityHost();
        }
        return ServiceUrl.parse(override, false).orElseThrow(() -> new SignInSettingsException(AUTHORITY_HOST_VARIABLE
                + " '" + override + "' must be an https:// URL such as https://login.microsoftonline.us"));
    }
}
