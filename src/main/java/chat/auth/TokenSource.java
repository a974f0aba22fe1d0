package chat.auth;

/** Where the Graph token comes from: the first credential configured. */
public interface TokenSource {

    AccessToken token() throws InterruptedException;

    /** What a person should do when Graph rejects this source's token (HTTP 401). */
    String whenRejected();
}
