package chat.auth.msal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * Asks libsecret whether the desktop keyring can be used now, unlocking nothing: a Secret Service in
 * the D-Bus session, with a default keyring, unlocked. Any read or write of a locked keyring (and the
 * first write where there is none) makes the keyring daemon show a prompt and wait for a person.
 */
final class KeyringProbe {
    /** What stands between chat and the keyring, if anything. */
    enum State { NO_LIBSECRET, NO_SERVICE, NO_DEFAULT_KEYRING, LOCKED, UNLOCKED }

    /** @param detail libsecret's own words, when it had some */
    record Answer(State state, String detail) {
    }

    /** The few calls of libsecret (and of the GLib it is built on) that the probe makes. */
    interface LibSecret extends Library {
        Pointer secret_service_get_sync(int flags, Pointer cancellable, PointerByReference error);

        Pointer secret_collection_for_alias_sync(Pointer service, String alias, int flags, Pointer cancellable,
                                                 PointerByReference error);

        boolean secret_collection_get_locked(Pointer collection);

        void g_object_unref(Pointer object);

        void g_error_free(Pointer error);
    }

    private static final int NO_FLAGS = 0;

    /**
     * libsecret, loaded once and kept while the process lasts: JNA unloads a library nothing refers to,
     * and libsecret loaded again into the same process finds its GLib types registered already and
     * hangs in its next call (a logout probes twice). Null when it is not installed.
     */
    private static final class Loaded {
        static final LibSecret SECRET = load();

        private static LibSecret load() {
            try {
                return Native.load("libsecret-1", LibSecret.class); // the name the persistence extension loads
            } catch (UnsatisfiedLinkError e) {
                return null;
            }
        }
    }

    private KeyringProbe() {
    }

    static Answer ask() {
        LibSecret secret = Loaded.SECRET;
        if (secret == null) {
            return new Answer(State.NO_LIBSECRET, null);
        }
        PointerByReference error = new PointerByReference();
        Pointer service = secret.secret_service_get_sync(NO_FLAGS, null, error);
        if (service == null) {
            return new Answer(State.NO_SERVICE, message(secret, error));
        }
        try {
            Pointer collection = secret.secret_collection_for_alias_sync(service, "default", NO_FLAGS, null, error);
            if (error.getValue() != null) {
                return new Answer(State.NO_SERVICE, message(secret, error));
            }
            if (collection == null) {
                return new Answer(State.NO_DEFAULT_KEYRING, null);
            }
            try {
                return new Answer(secret.secret_collection_get_locked(collection) ? State.LOCKED : State.UNLOCKED, null);
            } finally {
                secret.g_object_unref(collection);
            }
        } finally {
            secret.g_object_unref(service);
        }
    }

    /** A GError is {domain, code, message}: two 32-bit integers, then the pointer to the text. */
    private static String message(LibSecret secret, PointerByReference error) {
        Pointer gError = error.getValue();
        if (gError == null) {
            return null;
        }
        try {
            Pointer text = gError.getPointer(8);
            return text == null ? null : text.getString(0, "UTF-8");
        } finally {
            secret.g_error_free(gError);
        }
    }
}
