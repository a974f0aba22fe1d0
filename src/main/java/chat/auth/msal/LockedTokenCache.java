package chat.auth.msal;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * MSAL's token cache, read from its store before each use and written back after a change, holding
 * the cache's lock in between.
 */
final class LockedTokenCache implements ITokenCacheAccessAspect {
    private final CacheLock lock;
    private final CacheStore store;

    LockedTokenCache(CacheLock lock, CacheStore store) {
        this.lock = lock;
        this.store = store;
    }

    @Override
    public void beforeCacheAccess(ITokenCacheAccessContext context) {
        lock.hold();
        try {
            String cache = new String(store.read(), StandardCharsets.UTF_8);
            if (!cache.isBlank()) {
                try {
                    context.tokenCache().deserialize(cache);
                } catch (RuntimeException e) {
                    // not MSAL's JSON (a half-copied backup, a hand edit): as if empty; the next write mends it
                }
            }
        } catch (IOException e) {
            lock.release();
            throw new UncheckedIOException("cannot read the token cache " + store.description() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            lock.release(); // a link in the place of the cache, refused; a secret store that failed
            throw e;
        }
    }

    @Override
    public void afterCacheAccess(ITokenCacheAccessContext context) {
        try {
            if (context.hasCacheChanged()) {
                store.write(context.tokenCache().serialize().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token cache " + store.description() + ": " + e.getMessage(), e);
        } finally {
            lock.release();
        }
    }
}
