package chat.auth.msal;

import chat.auth.AccessToken;
import chat.auth.Credential;
import chat.auth.IdentityPlatform;
import chat.auth.LoginProfile;
import chat.auth.SignInContext;
import chat.auth.TokenSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Signing in through MSAL4J. Every run makes one, so it names none of MSAL's types: the classes it
 * calls do, and a run that signs in with none of them (help, a dry run) loads none of MSAL.
 */
public final class MsalPlatform implements IdentityPlatform {
    @Override
    public TokenSource open(Credential credential, SignInContext context) {
        return MsalTokenSources.open(credential, context);
    }

    @Override
    public AccessToken signInWithDeviceCode(SignInContext context, String clientId, String tenant)
            throws InterruptedException {
        return new UserSignIn(context, clientId, tenant).deviceCode();
    }

    @Override
    public void signOut(SignInContext context, LoginProfile profile) throws InterruptedException {
        new UserSignIn(context, profile.clientId(), profile.tenant()).signOut();
    }

    @Override
    public String forgetTokens(Path configDirectory, Map<String, String> env, boolean interactive) throws IOException {
        return TokenCacheStorage.open(configDirectory, env, interactive).forget();
    }
}
