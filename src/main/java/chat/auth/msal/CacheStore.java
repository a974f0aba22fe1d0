package chat.auth.msal;

import java.io.IOException;

/** Where MSAL's serialized token cache is kept: read, written and deleted whole, under the {@link CacheLock}. */
interface CacheStore {

    /** The cache as MSAL serialized it; empty when there is none yet. */
    byte[] read() throws IOException;

    void write(byte[] cache) throws IOException;

    /** Removes the cache; nothing happens when there is none. */
    void delete() throws IOException;

    /** Where, as chat status says it: "the desktop keyring (Secret Service)", or a file's path and what guards it. */
    String description();
}
