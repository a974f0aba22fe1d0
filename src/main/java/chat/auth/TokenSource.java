package chat.auth;

/** Where the Graph token comes from: the credential chosen, opened. */
public interface TokenSource {

    AccessToken token() throws InterruptedException;

    /** A new token instead of a cached one, after Graph rejected the last. */
    default AccessToken refreshedToken() throws InterruptedException {
        return token();
    }

    /** Whether {@link #refreshedToken()} can give anything but the same token again. */
    default boolean canRefresh() {
        return false;
    }

    /** What a person should do when Graph rejects this source's token (HTTP 401). */
    String whenRejected();

    /** Where the tokens are kept between runs, as chat status says it; null when they are not kept. */
    default String tokenStore() {
        return null;
    }
}
