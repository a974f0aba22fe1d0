package chat.cli;

import chat.auth.AccessToken;
import chat.auth.Credentials;
import chat.auth.Feature;
import chat.auth.SignedInUser;
import chat.errors.ExitCodes;
import chat.graph.GraphSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "login", sortOptions = false,
        description = {"Sign in as a person with a device code, and remember the account.",
            "The code and the address to enter it at are shown on stderr. Later runs use the account "
                    + "silently, refreshing its token as needed, until `chat logout`."})
public final class LoginCommand implements Callable<Integer> {
    private final Wiring wiring;

    @Mixin
    AppOptions app;

    @Mixin
    CloudOption cloud;

    @Mixin
    DiagnosticOptions diagnostics;

    @Option(names = "--scope", paramLabel = "PERMISSION", order = 3,
            description = "Also ask for this Graph permission (repeatable); --members-of takes two: "
                    + "GroupMember.Read.All, ChatMember.ReadWrite.")
    List<String> scopes = new ArrayList<>();

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 99, description = "Show this help and exit.")
    boolean help;

    public LoginCommand(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = wiring.context().env();
        GraphSettings graph = ConnectionOptions.defaults(cloud.resolve(env), env);
        Credentials.checkTenantFlag(app.tenant);
        Credentials.checkClientIdFlag(app.clientId);
        AccessToken token = wiring.identity().signInWithDeviceCode(
                wiring.signInContext(graph, wiring.sender(diagnostics.verbose), Feature.permissions(scopes)),
                app.clientId != null ? app.clientId : Credentials.DEFAULT_PUBLIC_CLIENT_ID,
                app.tenant != null ? app.tenant : Credentials.DEFAULT_USER_TENANT);
        SignedInUser user = token.user();
        wiring.notes().accept("signed in as " + user.displayName() + " (tenant " + user.tenantId() + ", cloud "
                + graph.cloud().cliName() + ")");
        return ExitCodes.OK;
    }
}
