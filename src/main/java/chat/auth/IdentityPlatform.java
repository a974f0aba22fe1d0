package chat.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The sign-in that an identity library does: tokens for the credentials that need one, and a
 * person's sign-in, kept between runs or forgotten. {@link TokenSources} is the way to it, so that a
 * run with a token handed to it never loads the library.
 */
public interface IdentityPlatform {
    /** A credential other than {@link Credential.AccessTokenVariable} and {@link Credential.None}. */
    TokenSource open(Credential credential, SignInContext context);

    /** Shows a device code on stderr, waits for the person to sign in, and keeps their account. */
    AccessToken signInWithDeviceCode(SignInContext context, String clientId, String tenant) throws InterruptedException;

    /** Removes the accounts of {@code profile}'s app from the token cache, wherever the cache is kept. */
    void signOut(SignInContext context, LoginProfile profile) throws InterruptedException;

    /**
     * Deletes the token cache wherever it is kept (a secret store, the config directory's files), with
     * the account of every app and tenant in it.
     *
     * @param interactive whether a person is there to unlock a keyring
     * @return what a person should know of tokens that could not be reached and are still kept; null when none
     */
    String forgetTokens(Path configDirectory, Map<String, String> env, boolean interactive) throws IOException;
}
