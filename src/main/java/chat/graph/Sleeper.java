package chat.graph;

import java.time.Duration;

/** Waits between attempts; tests replace it so that retries take no time. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
