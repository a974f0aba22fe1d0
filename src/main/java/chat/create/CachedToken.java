package chat.create;

import chat.auth.AccessToken;
import chat.auth.TokenSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One token for the whole run, renewed shortly before it expires, and once after Graph rejects it:
 * a thousand requests make one sign-in request, not a thousand.
 */
final class CachedToken {
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(2);

    private final TokenSource source;
    private final Clock clock;
    private AccessToken current;

    CachedToken(TokenSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    synchronized AccessToken current() throws InterruptedException {
        if (current == null || (current.expiresOn() != null
                && clock.instant().plus(RENEW_BEFORE_EXPIRY).isAfter(current.expiresOn()) && source.canRefresh())) {
            current = source.token();
        }
        return current;
    }

    /** A new token unless another thread renewed the rejected one already; empty when none can be had. */
    synchronized Optional<AccessToken> renewAfter(AccessToken rejected) throws InterruptedException {
        if (!source.canRefresh()) {
            return Optional.empty();
        }
        if (current == rejected) {
            current = source.refreshedToken();
        }
        return Optional.of(current);
    }

    String whenRejected() {
        return source.whenRejected();
    }
}
