package chat.auth;

import chat.auth.msal.MsalTokenSources;

/** Opens the chosen credential. MSAL is loaded only here, only for the credentials that need it. */
public final class TokenSources {
    private TokenSources() {
    }

    public static TokenSource open(Credential credential, SignInContext context) {
        if (credential instanceof Credential.AccessTokenVariable variable) {
            return variable.source();
        }
        if (credential instanceof Credential.None none) {
            throw new AuthenticationException(none.reason());
        }
        return MsalTokenSources.open(credential, context);
    }
}
