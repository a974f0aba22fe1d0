package chat.cli;

import chat.auth.LoginProfile;
import chat.auth.LoginProfiles;
import chat.errors.ExitCodes;
import chat.graph.Cloud;
import chat.graph.GraphSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "logout", sortOptions = false,
        description = "Forget every account `chat login` remembered, and their tokens.")
public final class LogoutCommand implements Callable<Integer> {
    private final Wiring wiring;
    private final CliContext context;

    @Mixin
    DiagnosticOptions diagnostics;

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 99, description = "Show this help and exit.")
    boolean help;

    public LogoutCommand(Wiring wiring) {
        this.wiring = wiring;
        this.context = wiring.context();
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        Path directory = wiring.configDirectory();
        LoginProfiles profiles = new LoginProfiles(directory);
        List<String> signedOut = new ArrayList<>();
        for (Cloud cloud : Cloud.values()) {
            Optional<LoginProfile> profile = profiles.forCloud(cloud.cliName());
            if (profile.isPresent()) {
                // Through MSAL, so that a cache kept in the Keychain or a keyring is emptied too.
                GraphSettings graph = ConnectionOptions.defaults(cloud, context.env());
                wiring.identity().signOut(wiring.signInContext(graph, wiring.sender(diagnostics.verbose), Set.of()),
                        profile.get());
                signedOut.add(profile.get().username());
            }
        }
        profiles.removeAll();
        String left = wiring.identity().forgetTokens(directory, context.env(), context.terminal().interactive());
        wiring.notes().accept(signedOut.isEmpty() ? "not signed in" : "signed out " + String.join(", ", signedOut));
        if (left != null) {
            wiring.notes().accept(left);
        }
        return ExitCodes.OK;
    }
}
