package chat.cli;

import chat.auth.AccessToken;
import chat.auth.Credential;
import chat.auth.JwtClaims;
import chat.auth.TokenKind;
import chat.auth.TokenSource;
import chat.errors.ExitCodes;
import chat.graph.GraphSettings;
import chat.output.OutputFormat;
import chat.output.StatusPrinter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", sortOptions = false,
        description = {"Show the credential chat would use, and check it: the account, tenant, cloud, permissions "
                + "and token expiry. Never the token itself.",
            "Gets a token (silently: never a prompt); exits 3 when none can be had, or it has expired. For "
                    + "`chat login`, also where the tokens are kept."})
public final class StatusCommand implements Callable<Integer> {
    private final Wiring wiring;
    private final CliContext context;

    @Mixin
    CredentialOptions credentials;

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", order = 7,
            description = "text (default): a labelled line each; json: one object (see docs/json.md).")
    OutputFormat output = OutputFormat.TEXT;

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
        TokenSource tokens = wiring.tokens(credential, graph, wiring.sender(diagnostics.verbose), Set.of());
        AccessToken token = tokens.token();
        Optional<JwtClaims> claims = JwtClaims.read(token.value());
        String tenant = token.user() != null ? token.user().tenantId() : claims.flatMap(c -> c.text("tid")).orElse(null);
        StatusPrinter.Account account = account(token, claims, credential);
        List<String> permissions = claims.map(JwtClaims::permissions).orElse(null);
        StatusPrinter.Status status = new StatusPrinter.Status(credential.description(), tokens.tokenStore(),
                account, tenant, new StatusPrinter.Cloud(graph.cloud().cliName(), graph.cloud().graphBase()),
                permissions, StatusPrinter.Status.features(permissions,
                        TokenKind.APPLICATION.jsonName().equals(account.kind())), token.expiresOn());
        new StatusPrinter(context.out(), output, context.terminal().stdout())
                .print(status, context.clock().instant(), wiring.json());
        wiring.tellUnknownKind(credential);
        // A token that cannot be renewed and has expired: nothing would work.
        wiring.refuseExpired(credential);
        return ExitCodes.OK;
    }

    /** Whom the token acts for, from the sign-in's own answer, else from the token's claims. */
    private static StatusPrinter.Account account(AccessToken token, Optional<JwtClaims> claims, Credential credential) {
        if (token.user() != null) {
            return new StatusPrinter.Account(TokenKind.DELEGATED.jsonName(), token.user().username(),
                    token.user().objectId(), claims.flatMap(c -> c.text("name")).orElse(null), null);
        }
        TokenKind kind = claims.map(JwtClaims::kind).orElse(credential instanceof Credential.AccessTokenVariable
                ? TokenKind.UNKNOWN : credential.kind());
        if (claims.isEmpty()) {
            return new StatusPrinter.Account(kind.jsonName(), null, null, null, null);
        }
        JwtClaims read = claims.get();
        boolean application = kind == TokenKind.APPLICATION;
        return new StatusPrinter.Account(kind.jsonName(), application ? null : read.text("upn").orElse(null),
                read.text("oid").orElse(null),
                read.text(application ? "app_displayname" : "name").orElse(null),
                read.text("appid").or(() -> read.text("azp")).orElse(null));
    }
}
