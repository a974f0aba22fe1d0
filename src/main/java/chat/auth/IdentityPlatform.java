package chat.auth;

import java.io.IOException;
import java.nio.file.Path;

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

    /** The token cache's files in the configuration directory, whichever storage wrote them. */
    void deleteTokenFiles(Path configDirectory) throws IOException;
}
