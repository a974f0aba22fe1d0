package chat.auth;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The credential a run will use, chosen from flags and the environment alone: choosing needs no
 * network, so bad input is still refused before any sign-in.
 */
public sealed interface Credential {

    /** How `chat status` names it, with where it was configured. */
    String description();

    /**
     * Whom its tokens act for: a person, an application, or (a token chat cannot read) nobody it can
     * name. An application unless the credential is a person's sign-in or a token handed to chat.
     */
    default TokenKind kind() {
        return TokenKind.APPLICATION;
    }

    /**
     * Whether the signed-in user joins the chat unless listed: Graph requires a person's sign-in among
     * the members. A person's token that does not say who they are, or one of unknown kind, adds nobody.
     */
    default boolean addsSignedInUser() {
        return kind() == TokenKind.DELEGATED;
    }

    /** The signed-in user when known without asking anyone: from the token itself, or from chat login. */
    default Optional<SignedInUser> knownUser() {
        return Optional.empty();
    }

    /** CHAT_ACCESS_TOKEN. Delegated when the token names a user. */
    record AccessTokenVariable(EnvironmentToken source) implements Credential {
        @Override
        public String description() {
            return "access token (" + EnvironmentToken.VARIABLE + ")";
        }

        @Override
        public TokenKind kind() {
            return source.kind();
        }

        @Override
        public boolean addsSignedInUser() {
            return source.token().user() != null;
        }

        @Override
        public Optional<SignedInUser> knownUser() {
            return Optional.ofNullable(source.token().user());
        }
    }

    record ClientSecret(String tenant, String clientId, Secret secret) implements Credential {
        @Override
        public String description() {
            return "client secret (" + secret.source() + ")";
        }
    }

    /** A PEM file (PKCS#8 key and certificate) or a PKCS#12 file, whose password is never printed. */
    record ClientCertificate(String tenant, String clientId, Path path, String source, String password)
            implements Credential {
        @Override
        public String description() {
            return "client certificate (" + source + " " + path + ")";
        }

        @Override
        public String toString() {
            return "ClientCertificate[" + tenant + ", " + clientId + ", " + path + "]";
        }
    }

    /** Workload identity federation: an OIDC token a CI system or Kubernetes writes, reread each time. */
    record WorkloadIdentity(String tenant, String clientId, Path tokenFile, String source) implements Credential {
        @Override
        public String description() {
            return "workload identity federation (" + source + " " + tokenFile + ")";
        }
    }

    /** System-assigned, or user-assigned when a client id is given. */
    record ManagedIdentity(String clientId) implements Credential {
        @Override
        public String description() {
            return clientId == null ? "managed identity (system-assigned)"
                    : "managed identity (user-assigned, client id " + clientId + ")";
        }
    }

    /** The account `chat login` cached, used silently and refreshed as needed. */
    record CachedAccount(LoginProfile profile, boolean mayPrompt) implements Credential {
        @Override
        public String description() {
            return "signed in with chat login (" + profile.username() + ")";
        }

        @Override
        public TokenKind kind() {
            return TokenKind.DELEGATED;
        }

        /** MSAL's home account id is "{object id}.{tenant id}". */
        @Override
        public Optional<SignedInUser> knownUser() {
            String account = profile.homeAccountId();
            int dot = account == null ? -1 : account.indexOf('.');
            return dot > 0 ? Optional.of(new SignedInUser(account.substring(0, dot), profile.username(),
                    profile.tenantId())) : Optional.empty();
        }
    }

    /** A person at a terminal signs in with a device code. */
    record DeviceCode(String tenant, String clientId) implements Credential {
        @Override
        public String description() {
            return "device code sign-in";
        }

        @Override
        public TokenKind kind() {
            return TokenKind.DELEGATED;
        }
    }

    /**
     * Nothing configured and nobody to ask. Checked as a person's: once signed in (chat login), the
     * signed-in user would be added, so a one-on-one with one other person is not an input error.
     */
    record None(String reason) implements Credential {
        @Override
        public String description() {
            return "none";
        }

        @Override
        public TokenKind kind() {
            return TokenKind.DELEGATED;
        }
    }
}
