package chat.auth;

import java.time.Instant;

/**
 * A bearer token for Graph. Its text is never printed, logged or written anywhere by this tool.
 *
 * @param expiresOn null when unknown
 * @param user      the signed-in user for a delegated token, null for an application's token
 */
public record AccessToken(String value, Instant expiresOn, SignedInUser user) {

    @Override
    public String toString() {
        return "AccessToken[redacted, expires " + expiresOn + ", user " + user + "]";
    }
}
