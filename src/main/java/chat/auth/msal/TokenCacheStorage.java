package chat.auth.msal;

import chat.auth.AuthenticationException;
import chat.auth.PrivateDirectory;
import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where a person's token cache lives: in the platform's secret store (see {@link SecretStores}), else in
 * an owner-only file in the config directory. Tokens that the file kept while there was no store move
 * into the store at the first run that can write it. MSAL's cache is read from the store before each
 * use and written back after a change, under the cache's lock held in between.
 *
 * @param note        when the file keeps the tokens for want of a secret store: where they are and how
 *                    to get a store, told once, when a person signs in; null otherwise
 * @param storeLocked a keyring is there but was left alone, locked, for want of a person to unlock it
 */
record TokenCacheStorage(Path configDirectory, CacheLock lock, CacheStore store, String note, boolean storeLocked)
        implements ITokenCacheAccessAspect {
    static final String FILE_NAME = "msal_token_cache.json";
    /** "file" keeps the cache in the owner-only file even where a secret store exists. */
    static final String VARIABLE = "CHAT_TOKEN_CACHE";
    /** The cache's lock, wherever the cache is kept. */
    static final String LOCK_FILE_NAME = FILE_NAME + ".lock";
    /** The persistence extension's own lock, which earlier versions of chat let it make. */
    static final String EXTENSION_LOCK_FILE_NAME = ".lockfile";
    /** Every file the cache keeps, or kept, in the config directory, its locks included. */
    static final List<String> FILES = List.of(FILE_NAME, LOCK_FILE_NAME, SecretStores.DPAPI_FILE_NAME,
            EXTENSION_LOCK_FILE_NAME);

    /** Refuses a directory or cache file that another user could have changed or linked elsewhere. */
    static TokenCacheStorage open(Path configDirectory, Map<String, String> env, boolean interactive) {
        checkFiles(configDirectory);
        removeLeftovers(configDirectory);
        Path lockFile = configDirectory.resolve(LOCK_FILE_NAME);
        CacheLock lock = new CacheLock(lockFile);
        OwnerOnlyCacheFile file = new OwnerOnlyCacheFile(configDirectory.resolve(FILE_NAME));
        if ("file".equalsIgnoreCase(env.get(VARIABLE))) {
            return new TokenCacheStorage(configDirectory, lock, file, null, false);
        }
        SecretStores.Found found = SecretStores.find(configDirectory, lockFile, env, interactive);
        if (found.store() == null) {
            return new TokenCacheStorage(configDirectory, lock, file, note(file, found), found.locked());
        }
        boolean moved = moveIn(file, found.store(), lock);
        return new TokenCacheStorage(configDirectory, lock, moved ? found.store() : file, null, false);
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

    /**
     * Deletes the tokens from wherever they are kept, then every file of the cache in the config
     * directory ({@link #open} refused links in their places before anything is removed).
     *
     * @return what a person should know of tokens left behind; null when there are none
     */
    String forget() throws IOException {
        if (store instanceof PlatformCacheStore) {
            lock.hold(); // the extension touches the lock file after deleting, as after writing
            try {
                store.delete();
            } finally {
                lock.release();
            }
        }
        for (String name : FILES) {
            Files.deleteIfExists(configDirectory.resolve(name));
        }
        return storeLocked ? "the keyring is locked, so whatever tokens it holds for chat are still there: unlock it "
                + "and run chat logout again" : null;
    }

    private static void checkFiles(Path configDirectory) {
        PrivateDirectory.check(configDirectory);
        PrivateDirectory.checkFile(configDirectory.resolve(FILE_NAME));
        // Locks hold nothing; the extension wrote its files with the umask's mode (0664 under a umask of 002).
        for (String name : List.of(LOCK_FILE_NAME, SecretStores.DPAPI_FILE_NAME, EXTENSION_LOCK_FILE_NAME)) {
            PrivateDirectory.checkLinkAndOwner(configDirectory.resolve(name));
        }
    }

    /**
     * The files that earlier versions let the persistence extension make, with the umask's mode: its
     * lock, and its cache file, empty but for DPAPI's (which this version writes itself, only on Windows).
     */
    private static void removeLeftovers(Path configDirectory) {
        try {
            Files.deleteIfExists(configDirectory.resolve(EXTENSION_LOCK_FILE_NAME));
            Path extensionFile = configDirectory.resolve(SecretStores.DPAPI_FILE_NAME);
            if (Files.isRegularFile(extensionFile, LinkOption.NOFOLLOW_LINKS) && Files.size(extensionFile) == 0) {
                Files.delete(extensionFile);
            }
        } catch (IOException e) {
            // a read-only config directory: they stay, as harmless as before
        }
    }

    /**
     * Tokens the file kept while there was no store, merged into the store's (the file's are the newer),
     * then the file deleted. False when the store would not take them: the file keeps them.
     */
    private static boolean moveIn(OwnerOnlyCacheFile file, CacheStore store, CacheLock lock) {
        if (!Files.exists(file.path(), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        lock.hold();
        try {
            byte[] left = file.read();
            if (left.length > 0) {
                store.write(CacheMerge.merge(store.read(), left));
            }
            file.delete();
            return true;
        } catch (IOException | AuthenticationException e) {
            return false;
        } finally {
            lock.release();
        }
    }

    private static String note(OwnerOnlyCacheFile file, SecretStores.Found found) {
        return "the tokens are kept in " + file.path() + ", which only you can read: " + found.reason()
                + (found.remedy() == null ? "" : "; to keep them in a keyring instead, " + found.remedy()
                + ", and they move there by themselves");
    }
}
