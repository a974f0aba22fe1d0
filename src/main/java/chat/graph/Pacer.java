package chat.graph;

import java.time.Duration;
import java.util.Optional;

/**
 * Paces requests that share a limit, by Graph's signals: when each may start, and what the answers
 * said of the load. One request alone needs no pacing: {@link #NONE}.
 */
public interface Pacer {
    Pacer NONE = new Pacer() {
    };

    /**
     * Blocks until a request may start.
     *
     * @param retry whether an attempt of the request went before: its time limit is running
     */
    default void beforeAttempt(boolean retry) throws InterruptedException {
    }

    /** Graph said 429 or 503: slow down, and wait as long as it asked. */
    default void throttled(Optional<Duration> retryAfter) {
    }

    /** Graph processed a request: room to speed up. */
    default void answered() {
    }

    /** A request waits this long, as Graph asked (429, 503), before it is sent again. */
    default void waiting(Duration wait) {
    }

    /**
     * Whether this pacer's waiting is what answers a 429, so that one costs the request no retry: the
     * requests that share the limit are held back as a whole, and only the time limit bounds it.
     */
    default boolean answersThrottling() {
        return false;
    }
}
