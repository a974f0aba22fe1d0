package chat.auth.msal;

import com.microsoft.aad.msal4jextensions.persistence.CacheFileAccessor;
import com.microsoft.aad.msal4jextensions.persistence.ICacheAccessor;
import com.microsoft.aad.msal4jextensions.persistence.linux.KeyRingAccessor;
import com.microsoft.aad.msal4jextensions.persistence.mac.KeyChainAccessor;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The platform's secret store for the token cache: the Keychain on macOS, a file encrypted with DPAPI
 * on Windows, the desktop keyring (the Secret Service, through libsecret) in a Linux session. Or why
 * there is none to use now, and what would give one.
 */
final class SecretStores {
    /** The DPAPI-encrypted cache on Windows. */
    static final String DPAPI_FILE_NAME = "msal_token_cache.bin";

    /**
     * @param store  null when there is none to use; then {@code reason} says why and {@code remedy}, when
     *               there is one, what would give one
     * @param locked a keyring is there, but locked, and no one is there to unlock it
     */
    record Found(CacheStore store, String reason, String remedy, boolean locked) {
        static Found none(String reason, String remedy) {
            return new Found(null, reason, remedy, false);
        }
    }

    private SecretStores() {
    }

    /**
     * @param changeMarker a file that exists while the cache is written or deleted: the extension's
     *                     accessors touch one after either, as a signal of change that chat does not need
     * @param interactive  whether a person is there to answer the keyring's unlock prompt
     */
    static Found find(Path configDirectory, Path changeMarker, Map<String, String> env, boolean interactive) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        try {
            if (os.startsWith("mac")) {
                return tried(new KeyChainAccessor(changeMarker.toString(), "chat", "token-cache"), "the macOS Keychain");
            }
            if (os.startsWith("windows")) {
                Path file = configDirectory.resolve(DPAPI_FILE_NAME);
                return tried(new CacheFileAccessor(file.toString()), file + " (encrypted with DPAPI)");
            }
            if (os.startsWith("linux")) {
                return keyring(changeMarker, env, interactive);
            }
        } catch (LinkageError e) {
            return Found.none("the secret store's library cannot be loaded (" + e.getMessage() + ")", null);
        }
        return Found.none("chat knows no secret store on " + System.getProperty("os.name"), null);
    }

    private static Found keyring(Path changeMarker, Map<String, String> env, boolean interactive) {
        if (env.get("DBUS_SESSION_BUS_ADDRESS") == null) {
            return Found.none("there is no desktop session (D-Bus) to find a keyring in",
                    "run chat in a desktop session with gnome-keyring (or another Secret Service)");
        }
        KeyringProbe.Answer answer = KeyringProbe.ask();
        KeyringProbe.State state = answer.state();
        if (state == KeyringProbe.State.NO_LIBSECRET) {
            return Found.none("libsecret is not installed", "install libsecret-1-0 and gnome-keyring");
        }
        if (state == KeyringProbe.State.NO_SERVICE) {
            return Found.none("no keyring service answers in this D-Bus session"
                    + (answer.detail() == null ? "" : " (" + answer.detail() + ")"),
                    "start gnome-keyring (or another Secret Service) in the session");
        }
        if (state == KeyringProbe.State.NO_DEFAULT_KEYRING && !interactive) {
            return Found.none("the desktop session has no keyring yet, and making one needs a person",
                    "make one (Passwords and Keys), or run chat login at a terminal of the session");
        }
        if (state == KeyringProbe.State.LOCKED && !interactive) {
            return new Found(null, "the keyring is locked, and a run without a terminal does not wait for it to be "
                    + "unlocked", "unlock it", true);
        }
        // Unlocked; or a person is at the terminal to answer the daemon's prompt. The item is found by its
        // attributes: secret-tool search application chat
        return tried(new KeyRingAccessor(changeMarker.toString(), null, "dev.chat.tokencache", "chat token cache",
                "application", "chat", "version", "1"), "the desktop keyring (Secret Service)");
    }

    /** One read shows that the store answers; where it does not, the file keeps the tokens. */
    private static Found tried(ICacheAccessor accessor, String description) {
        PlatformCacheStore store = new PlatformCacheStore(accessor, description);
        try {
            store.read();
            return new Found(store, null, null, false);
        } catch (RuntimeException e) {
            return Found.none(e.getMessage(), null);
        }
    }
}
