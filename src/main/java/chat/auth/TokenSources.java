package chat.auth;

/** Opens the chosen credential. The identity library is used only here, only for the credentials that need it. */
public final class TokenSources {
    private TokenSources() {
    }

    public static TokenSource open(Credential credential, SignInContext context, IdentityPlatform platform) {
        if (credential instanceof Credential.AccessTokenVariable variable) {
            return variable.source();
        }
        if (credential instanceof Credential.None none) {
            throw new AuthenticationException(none.reason());
        }
        return platform.open(credential, context);
    }
}
