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

/** Signing in through MSAL4J. */
public final class MsalPlatform implements IdentityPlatform {
    @Override
    public TokenSource open(Credential credential, SignInContext context) {
        return MsalTokenSources.open(credential, context);
    }

    @Override
    public AccessToken signInWithDeviceCode(SignInContext context, String clientId, String tenant)
            throws InterruptedException {
        return UserSignIn.of(context, clientId, tenant).deviceCode();
    }

    @Override
    public void signOut(SignInContext context, LoginProfile profile) throws InterruptedException {
        UserSignIn.of(context, profile.clientId(), profile.tenant()).signOut();
    }

    @Override
    public String forgetTokens(Path configDirectory, Map<String, String> env, boolean interactive) throws IOException {
        return TokenCacheStorage.open(configDirectory, env, interactive).forget();
    }
}
