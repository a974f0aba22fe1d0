package chat.cli;

import chat.auth.SignInOptions;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags that choose a credential, one at most; each beats the variable it mirrors. */
public final class CredentialOptions {

    @Mixin
    AppOptions app;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Chosen chosen = new Chosen();

    static final class Chosen {

        @Option(names = "--client-secret-file", paramLabel = "FILE", order = 13,
                description = "Sign in as the app with the client secret in FILE.")
        Path clientSecretFile;

        @Option(names = "--certificate", paramLabel = "FILE", order = 14,
                description = "Sign in as the app with a certificate: PEM (key and certificate) or .pfx/.p12 "
                        + "(env AZURE_CLIENT_CERTIFICATE_PATH).")
        Path certificate;

        @Option(names = "--federated-token-file", paramLabel = "FILE", order = 15,
                description = "Sign in as the app with the workload identity (OIDC) token in FILE (env "
                        + "AZURE_FEDERATED_TOKEN_FILE).")
        Path federatedTokenFile;

        @Option(names = "--managed-identity", order = 16,
                description = "Sign in with the Azure managed identity (user-assigned: with --client-id).")
        boolean managedIdentity;
    }

    SignInOptions toSignInOptions() {
        Chosen flags = chosen == null ? new Chosen() : chosen;
        return new SignInOptions(app.tenant, app.clientId, flags.certificate, flags.clientSecretFile,
                flags.federatedTokenFile, flags.managedIdentity);
    }
}
