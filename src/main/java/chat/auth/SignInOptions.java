package chat.auth;

import java.nio.file.Path;

/**
 * The sign-in flags of a command; each beats the variable it mirrors. Null where not given. At most
 * one of certificate, clientSecretFile, federatedTokenFile and managedIdentity: the command line
 * takes no more.
 */
public record SignInOptions(String tenant, String clientId, Path certificate, Path clientSecretFile,
                            Path federatedTokenFile, boolean managedIdentity) {
}
