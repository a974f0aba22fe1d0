package chat.auth.msal;

import chat.auth.PrivateDirectory;
import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4jextensions.PersistenceSettings;
import com.microsoft.aad.msal4jextensions.PersistenceTokenCacheAccessAspect;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the token cache lives: where the platform protects secrets (the Keychain on macOS, DPAPI on
 * Windows, libsecret in a Linux desktop session), else an owner-only file in the config directory.
 */
final class TokenCacheStorage {
    static final String FILE_NAME = "msal_token_cache.json";
    static final String PROTECTED_FILE_NAME = "msal_token_cache.bin";
    /** "file" keeps the cache in the owner-only file even where protected storage exists. */
    static final String VARIABLE = "CHAT_TOKEN_CACHE";
    static final String LOCK_FILE_NAME = FILE_NAME + ".lock";
    /** The lock of the secret-store library, which also writes PROTECTED_FILE_NAME. */
    static final String PROTECTED_LOCK_FILE_NAME = ".lockfile";
    /** Every file either storage keeps in the config directory, its locks included. */
    static final List<String> FILES = List.of(FILE_NAME, LOCK_FILE_NAME, PROTECTED_FILE_NAME, PROTECTED_LOCK_FILE_NAME);

    private TokenCacheStorage() {
    }

    /** Refuses a directory or cache file that another user could have changed or linked elsewhere. */
    static ITokenCacheAccessAspect open(Path configDirectory, Map<String, String> env, Consumer<String> notes) {
        checkFiles(configDirectory);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        boolean desktopLinux = os.startsWith("linux") && env.get("DBUS_SESSION_BUS_ADDRESS") != null;
        boolean protectedStorage = os.startsWith("mac") || os.startsWith("windows") || desktopLinux;
        if (protectedStorage && !"file".equalsIgnoreCase(env.get(VARIABLE))) {
            try {
                return new PersistenceTokenCacheAccessAspect(PersistenceSettings
                        .builder(PROTECTED_FILE_NAME, configDirectory)
                        .setMacKeychain("chat", "token-cache")
                        .setLinuxKeyring(null, "dev.chat.tokencache", "chat token cache", "application", "chat",
                                "version", "1")
                        .build());
            } catch (Exception | LinkageError e) {
                // no keyring daemon, no libsecret: the file below still keeps the cache owner-only
                notes.accept("the platform's secret store is unavailable (" + e + "); using an owner-only file");
            }
        }
        return new LockedTokenCache(new CacheLock(configDirectory.resolve(LOCK_FILE_NAME)),
                new OwnerOnlyCacheFile(configDirectory.resolve(FILE_NAME)));
    }

    static void checkFiles(Path configDirectory) {
        PrivateDirectory.check(configDirectory);
        PrivateDirectory.checkFile(configDirectory.resolve(FILE_NAME));
        // Locks hold nothing, and the library writes its files with the umask's mode (0664 under a umask of 002).
        for (String name : List.of(LOCK_FILE_NAME, PROTECTED_FILE_NAME, PROTECTED_LOCK_FILE_NAME)) {
            PrivateDirectory.checkLinkAndOwner(configDirectory.resolve(name));
        }
    }
}
