package chat.auth.msal;

import chat.auth.AccessToken;
import chat.auth.AuthenticationException;
import chat.auth.Feature;
import chat.auth.JwtClaims;
import chat.auth.LoginProfile;
import chat.auth.LoginProfiles;
import chat.auth.PrivateDirectory;
import chat.auth.SignInContext;
import chat.auth.SignedInUser;
import chat.auth.TokenSource;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import java.io.IOException;
import java.net.MalformedURLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A person's sign-in: the device code flow, and the cached account used silently afterwards (its
 * tokens refreshed as needed) from a cache that outlives the process.
 */
final class UserSignIn {
    private final SignInContext context;
    private final TokenCacheStorage storage;
    private final PublicClientApplication app;
    private final Set<String> scopes;
    private final String clientId;
    private final String tenant;

    UserSignIn(SignInContext context, String clientId, String tenant) {
        this.context = context;
        this.clientId = clientId;
        this.tenant = tenant;
        this.scopes = context.userScopes();
        this.storage = TokenCacheStorage.open(context.configDirectory(), context.env(), context.interactive());
        this.app = MsalTokenSources.onAuthority(PublicClientApplication.builder(clientId), context, tenant)
                .setTokenCacheAccessAspect(storage)
                .build();
    }

    TokenSource cachedSource(LoginProfile profile, boolean mayPrompt) {
        return new TokenSource() {
            @Override
            public AccessToken token() throws InterruptedException {
                return silentOrPrompt(profile, mayPrompt, false);
            }

            @Override
            public AccessToken refreshedToken() throws InterruptedException {
                return silentOrPrompt(profile, mayPrompt, true);
            }

            @Override
            public boolean canRefresh() {
                return true;
            }

            @Override
            public String whenRejected() {
                return "Graph rejected the token of " + profile.username() + ": sign in again with: chat login";
            }

            @Override
            public String tokenStore() {
                return storage.store().description();
            }
        };
    }

    TokenSource deviceCodeSource() {
        return new TokenSource() {
            @Override
            public AccessToken token() throws InterruptedException {
                return deviceCode();
            }

            @Override
            public String whenRejected() {
                return "Graph rejected the token of the signed-in user: check that they may create chats";
            }
        };
    }

    private AccessToken silentOrPrompt(LoginProfile profile, boolean mayPrompt, boolean forceRefresh)
            throws InterruptedException {
        Optional<AccessToken> token;
        try {
            token = silent(profile, forceRefresh);
        } catch (ConsentNeeded missing) {
            Optional<AccessToken> granted = grantedOtherwise(profile);
            return granted.isPresent() ? granted.get() : withConsent(profile, mayPrompt);
        }
        if (token.isPresent()) {
            return token.get();
        }
        if (mayPrompt) {
            context.note("the sign-in of " + profile.username() + " has expired; sign in again");
            return deviceCode();
        }
        if (storage.storeLocked() && account(profile).isEmpty()) {
            throw new AuthenticationException("the sign-in of " + profile.username() + " is not in "
                    + storage.store().description() + ", and the keyring, where chat login may have kept it, is locked: "
                    + "unlock it, or sign in again with: chat login");
        }
        throw new AuthenticationException("the sign-in of " + profile.username()
                + " has expired or was revoked, and there is no terminal to sign in at: sign in again with: chat login");
    }

    /** The sign-in works, but has not been granted what this run needs. */
    private static final class ConsentNeeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /**
     * A token of the run's own scopes, where it holds other permissions that grant what this run needs
     * (Group.Read.All, where GroupMember.Read.All was asked for and refused): Entra puts in a person's
     * token what was consented, asked for or not. Refreshed, as consent may have changed since the
     * cached one was issued. Empty where it does not, or cannot be had.
     */
    private Optional<AccessToken> grantedOtherwise(LoginProfile profile) throws InterruptedException {
        Optional<IAccount> account = account(profile);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        AccessToken token;
        try {
            token = token(app.acquireTokenSilently(SilentParameters.builder(context.baseScopes(), account.get())
                    .forceRefresh(true).build()));
        } catch (MalformedURLException | ExecutionException e) {
            return Optional.empty(); // what asking for them says is said instead
        }
        List<String> granted = JwtClaims.read(token.value()).map(JwtClaims::permissions).orElse(List.of());
        return context.moreScopes().stream().allMatch(asked -> Feature.grants(granted, asked)) ? Optional.of(token)
                : Optional.empty();
    }

    /** A person at a terminal signs in again, and is asked to grant it; a script is told how. */
    private AccessToken withConsent(LoginProfile profile, boolean mayPrompt) throws InterruptedException {
        String needed = String.join(", ", context.moreScopes());
        if (mayPrompt) {
            context.note("this run needs " + needed + ", which the sign-in of " + profile.username()
                    + " has not been granted: sign in again to grant it");
            return deviceCode();
        }
        throw new AuthenticationException("this run needs " + needed + ", which the sign-in of " + profile.username()
                + " has not been granted, and there is no terminal to sign in at: grant it with: chat login "
                + context.moreScopes().stream().map(scope -> "--scope " + scope).collect(Collectors.joining(" "))
                + " (some need an administrator's consent first: docs/whole-teams.md)");
    }

    /**
     * Empty when a person must sign in again (no such account, or its refresh token no longer works).
     *
     * @throws ConsentNeeded when it works, but not for the {@link SignInContext#moreScopes} of this run
     */
    private Optional<AccessToken> silent(LoginProfile profile, boolean forceRefresh) throws InterruptedException {
        try {
            Optional<IAccount> account = account(profile);
            if (account.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(token(app.acquireTokenSilently(SilentParameters.builder(scopes, account.get())
                    .forceRefresh(forceRefresh).build())));
        } catch (MalformedURLException e) {
            throw new AuthenticationException("not a usable authority: " + e.getMessage());
        } catch (ExecutionException e) {
            if (!context.moreScopes().isEmpty() && needsConsent(e.getCause())) {
                throw new ConsentNeeded();
            }
            if (needsSignIn(e.getCause())) {
                return Optional.empty();
            }
            throw SignInErrors.translate(e);
        }
    }

    /**
     * AADSTS65001: the user or an administrator has not consented to a permission asked for. MSAL
     * gives the code in its message; its error code says "invalid_grant" for many causes.
     */
    private static boolean needsConsent(Throwable failure) {
        return causes(failure).anyMatch(cause -> cause instanceof MsalServiceException service
                && (service.getMessage().contains("AADSTS65001") || "consent_required".equals(service.errorCode())));
    }

    private Optional<IAccount> account(LoginProfile profile) throws InterruptedException {
        try {
            return app.getAccounts().get().stream()
                    .filter(candidate -> candidate.homeAccountId().equals(profile.homeAccountId()))
                    .findFirst();
        } catch (ExecutionException e) {
            throw SignInErrors.translate(e);
        }
    }

    /**
     * An expired or revoked refresh token. MSAL raises its interaction-required exception only on its
     * default HTTP client's path; through a custom one it is a service error with the OAuth code.
     */
    private static boolean needsSignIn(Throwable failure) {
        return causes(failure).anyMatch(cause -> cause instanceof MsalInteractionRequiredException
                || (cause instanceof MsalServiceException service && ("invalid_grant".equals(service.errorCode())
                        || "interaction_required".equals(service.errorCode()))));
    }

    /** The failure and each of its causes in turn. */
    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, Throwable::getCause);
    }

    /** Shows the code and address on stderr and waits for the person; then remembers the account. */
    AccessToken deviceCode() throws InterruptedException {
        PrivateDirectory.prepare(context.configDirectory());
        AccessToken token;
        try {
            token = token(app.acquireToken(DeviceCodeFlowParameters.builder(scopes,
                    code -> context.note(code.message())).build()));
        } catch (ExecutionException e) {
            throw SignInErrors.translate(e);
        }
        SignedInUser user = token.user();
        try {
            new LoginProfiles(context.configDirectory()).save(new LoginProfile(context.cloud(), clientId, tenant,
                    user.objectId() + "." + user.tenantId(), user.username(), user.tenantId()));
        } catch (IOException e) {
            throw new AuthenticationException("signed in, but cannot remember the sign-in in "
                    + context.configDirectory() + ": " + e.getMessage());
        }
        if (storage.note() != null) {
            context.note(storage.note()); // once, here: later runs use the file without a word
        }
        return token;
    }

    /** Removes every account this app's cache holds. */
    void signOut() throws InterruptedException {
        try {
            for (IAccount account : app.getAccounts().get()) {
                app.removeAccount(account).get();
            }
        } catch (ExecutionException e) {
            throw SignInErrors.translate(e);
        }
    }

    private static AccessToken token(Future<IAuthenticationResult> pending)
            throws InterruptedException, ExecutionException {
        IAuthenticationResult result = pending.get();
        String[] ids = result.account().homeAccountId().split("\\.", 2);
        SignedInUser user = new SignedInUser(ids[0], result.account().username(), ids.length > 1 ? ids[1] : null);
        return new AccessToken(result.accessToken(), result.expiresOnDate().toInstant(), user);
    }
}
