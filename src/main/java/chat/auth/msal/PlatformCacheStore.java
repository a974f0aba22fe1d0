package chat.auth.msal;

import chat.auth.AuthenticationException;
import com.microsoft.aad.msal4jextensions.persistence.ICacheAccessor;

/**
 * The token cache in the platform's secret store, through msal4j-persistence-extension's accessor for
 * it. Its failures (a keyring that went away, a Keychain that refused) end the run as a sign-in that
 * cannot be had.
 */
final class PlatformCacheStore implements CacheStore {
    private final ICacheAccessor accessor;
    private final String description;

    PlatformCacheStore(ICacheAccessor accessor, String description) {
        this.accessor = accessor;
        this.description = description;
    }

    @Override
    public byte[] read() {
        try {
            byte[] cache = accessor.read();
            return cache == null ? new byte[0] : cache;
        } catch (RuntimeException e) {
            throw failure("read the tokens from", e);
        }
    }

    @Override
    public void write(byte[] cache) {
        try {
            accessor.write(cache);
        } catch (RuntimeException e) {
            throw failure("keep the tokens in", e);
        }
    }

    @Override
    public void delete() {
        try {
            accessor.delete();
        } catch (RuntimeException e) {
            throw failure("remove the tokens from", e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    private AuthenticationException failure(String what, RuntimeException e) {
        return new AuthenticationException("cannot " + what + " " + description + ": " + e.getMessage(), e);
    }
}
