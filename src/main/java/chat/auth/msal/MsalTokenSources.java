package chat.auth.msal;

import chat.auth.AccessToken;
import chat.auth.AuthenticationException;
import chat.auth.CertificateFile;
import chat.auth.Credential;
import chat.auth.Secret;
import chat.auth.SignInContext;
import chat.auth.TokenSource;
import com.microsoft.aad.msal4j.AbstractClientApplicationBase;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityId;
import com.microsoft.aad.msal4j.ManagedIdentityParameters;
import java.net.MalformedURLException;
import java.util.Set;
import java.util.concurrent.Future;

/** The credentials that MSAL turns into tokens. */
final class MsalTokenSources {
    private MsalTokenSources() {
    }

    static TokenSource open(Credential credential, SignInContext context) {
        if (credential instanceof Credential.ClientSecret secret) {
            return new AppTokenSource(secret.tenant(), secret.clientId(),
                    ClientCredentialFactory.createFromSecret(secret.secret().reveal()), context,
                    "check " + secret.secret().source() + " and that the app has the Chat.Create application permission");
        }
        if (credential instanceof Credential.ClientCertificate certificate) {
            CertificateFile file = CertificateFile.load(certificate.path(), certificate.password(), context.clock().instant());
            return new AppTokenSource(certificate.tenant(), certificate.clientId(),
                    ClientCredentialFactory.createFromCertificateChain(file.key(), file.chain()), context,
                    "check that the app has the Chat.Create application permission");
        }
        if (credential instanceof Credential.WorkloadIdentity federated) {
            // MSAL calls back for every token request, so a token the CI system renewed is always used.
            return new AppTokenSource(federated.tenant(), federated.clientId(),
                    ClientCredentialFactory.createFromCallback(() -> Secret.readFile(federated.tokenFile(),
                            "federated token", ": the OIDC token must be written there first")),
                    context, "check that the app has the Chat.Create application permission");
        }
        if (credential instanceof Credential.ManagedIdentity managed) {
            return new ManagedIdentityTokenSource(managed.clientId(), context);
        }
        if (credential instanceof Credential.CachedAccount cached) {
            return new UserSignIn(context, cached.profile().clientId(), cached.profile().tenant())
                    .cachedSource(cached.profile(), cached.mayPrompt());
        }
        if (credential instanceof Credential.DeviceCode deviceCode) {
            return new UserSignIn(context, deviceCode.clientId(), deviceCode.tenant()).deviceCodeSource();
        }
        throw new IllegalArgumentException("not an MSAL credential: " + credential.description());
    }

    /** An app of the cloud's authority for the tenant, its traffic through chat's own HTTP stack. */
    static <B extends AbstractClientApplicationBase.Builder<B>> B onAuthority(B app, SignInContext context,
                                                                               String tenant) {
        String authority = context.authorityHost() + "/" + tenant + "/";
        try {
            return app.authority(authority)
                    .instanceDiscovery(false) // a known cloud's authority: no extra round trip
                    .httpClient(new MsalHttpClient(context.sender(), context.timeout()));
        } catch (MalformedURLException e) {
            throw new AuthenticationException("not a usable authority: " + authority);
        }
    }

    private static AccessToken await(Future<IAuthenticationResult> pending) throws InterruptedException {
        try {
            IAuthenticationResult result = pending.get();
            return new AccessToken(result.accessToken(), result.expiresOnDate().toInstant(), null);
        } catch (Exception e) {
            throw SignInErrors.translate(e);
        }
    }

    /** An application's own token (client secret, certificate or federated token): application permissions. */
    private static final class AppTokenSource implements TokenSource {
        private final ConfidentialClientApplication app;
        private final Set<String> scopes;
        private final String whenRejected;

        AppTokenSource(String tenant, String clientId, IClientCredential credential, SignInContext context,
                       String whenRejected) {
            this.app = onAuthority(ConfidentialClientApplication.builder(clientId, credential), context, tenant).build();
            this.scopes = Set.of(context.appScope());
            this.whenRejected = "Graph rejected the application's token: " + whenRejected;
        }

        @Override
        public AccessToken token() throws InterruptedException {
            return await(app.acquireToken(ClientCredentialParameters.builder(scopes).build()));
        }

        @Override
        public AccessToken refreshedToken() throws InterruptedException {
            return await(app.acquireToken(ClientCredentialParameters.builder(scopes).skipCache(true).build()));
        }

        @Override
        public boolean canRefresh() {
            return true;
        }

        @Override
        public String whenRejected() {
            return whenRejected;
        }
    }

    /** A managed identity's token, from the endpoint Azure provides where the code runs. */
    private static final class ManagedIdentityTokenSource implements TokenSource {
        private final ManagedIdentityApplication app;
        private final String resource;

        ManagedIdentityTokenSource(String clientId, SignInContext context) {
            this.app = ManagedIdentityApplication.builder(clientId == null
                            ? ManagedIdentityId.systemAssigned() : ManagedIdentityId.userAssignedClientId(clientId))
                    .httpClient(new MsalHttpClient(context.sender(), context.timeout()))
                    .build();
            this.resource = context.graphBase();
        }

        @Override
        public AccessToken token() throws InterruptedException {
            try {
                return await(app.acquireTokenForManagedIdentity(ManagedIdentityParameters.builder(resource).build()));
            } catch (InterruptedException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw SignInErrors.translate(e);
            }
        }

        @Override
        public String whenRejected() {
            return "Graph rejected the managed identity's token: grant it the Chat.Create application permission";
        }
    }
}
