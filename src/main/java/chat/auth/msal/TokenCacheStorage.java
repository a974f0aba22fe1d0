package chat.auth.msal;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4jextensions.PersistenceSettings;
import com.microsoft.aad.msal4jextensions.PersistenceTokenCacheAccessAspect;
import java.nio.file.Path;
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

    private TokenCacheStorage() {
    }

    static ITokenCacheAccessAspect open(Path configDirectory, Map<String, String> env, Consumer<String> notes) {
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
        return new TokenCacheFile(configDirectory.resolve(FILE_NAME));
    }
}
