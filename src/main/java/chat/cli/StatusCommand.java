package chat.cli;

import chat.auth.AccessToken;
import chat.auth.Credential;
import chat.auth.JwtClaims;
import chat.auth.TokenSource;
import chat.errors.ExitCodes;
import chat.graph.GraphSettings;
import chat.output.StatusPrinter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", sortOptions = false,
        description = {"Show the credential chat would use, and check it: the account, tenant, cloud, permissions "
                + "and token expiry. Never the token itself.",
            "Gets a token (silently: never a prompt); exits 3 when none can be had.",
            "For a person signed in with `chat login`, also where their tokens are kept: the Keychain, DPAPI, the "
                    + "desktop keyring, or the owner-only file (and its path)."})
public final class StatusCommand implements Callable<Integer>, ReportsErrors {
    private final Wiring wiring;
    private final CliContext context;

    @Mixin
    CredentialOptions credentials;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Mixin
    DiagnosticOptions diagnostics;

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 99, description = "Show this help and exit.")
    boolean help;

    public StatusCommand(Wiring wiring) {
        this.wiring = wiring;
        this.context = wiring.context();
    }

    @Override
    public Integer call() throws InterruptedException {
        GraphSettings graph = connection.resolve(context.env());
        Credential credential = wiring.credential(credentials.toSignInOptions(), graph.cloud(), false);
        TokenSource tokens = wiring.tokens(credential, graph, wiring.sender(diagnostics.verbose()));
        AccessToken token = tokens.token();
        Optional<JwtClaims> claims = JwtClaims.read(token.value());

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("credential", credential.description());
        fields.put("tokens", tokens.tokenStore());
        if (token.user() != null) {
            fields.put("account", token.user().displayName() + " (delegated permissions)");
            fields.put("tenant", token.user().tenantId());
        } else if (claims.isEmpty()) {
            fields.put("account", "unknown: the token cannot be read");
        } else {
            String app = claims.flatMap(c -> c.text("app_displayname"))
                    .or(() -> claims.flatMap(c -> c.text("appid")))
                    .or(() -> claims.flatMap(c -> c.text("azp")))
                    .orElse("unknown");
            fields.put("account", "application " + app + " (application permissions)");
            fields.put("tenant", claims.flatMap(c -> c.text("tid")).orElse(null));
        }
        fields.put("cloud", graph.cloud().cliName() + " (" + graph.cloud().graphBase() + ")");
        fields.put("permissions", claims.map(StatusCommand::permissions).orElse(null));
        fields.put("expires", token.expiresOn() == null ? null : describeExpiry(token.expiresOn(), context.clock().instant()));
        new StatusPrinter(context.out(), output.format(), context.terminal().stdout()).print(fields, wiring.json());
        // Graph's tokens are JSON Web Tokens: one that is not was made for something else.
        if (claims.isEmpty()) {
            String which = credential instanceof Credential.AccessTokenVariable ? "the token in CHAT_ACCESS_TOKEN"
                    : "the token of " + credential.description();
            context.err().println("chat: " + which + " cannot be read: it is not a "
                    + "JSON Web Token, as Microsoft Graph's access tokens are, so its account, permissions and expiry "
                    + "are unknown and Graph would refuse it; get a Microsoft Graph token");
            context.err().flush();
            return ExitCodes.AUTH;
        }
        // A token that cannot be renewed and has expired: nothing would work.
        if (token.expiresOn() != null && !tokens.canRefresh() && !token.expiresOn().isAfter(context.clock().instant())) {
            context.err().println("chat: the token has expired: get a new one");
            context.err().flush();
            return ExitCodes.AUTH;
        }
        return ExitCodes.OK;
    }

    private static String permissions(JwtClaims claims) {
        String scopes = claims.text("scp").orElse(null);
        if (scopes != null) {
            return scopes;
        }
        List<String> roles = claims.list("roles");
        return roles.isEmpty() ? null : String.join(" ", roles);
    }

    static String describeExpiry(Instant expiresOn, Instant now) {
        long minutes = Duration.between(now, expiresOn).toMinutes();
        return expiresOn + (minutes >= 0 ? " (in " + minutes + " min)" : " (expired)");
    }

    @Override
    public OutputOptions output() {
        return output;
    }

    @Override
    public DiagnosticOptions diagnostics() {
        return diagnostics;
    }
}
