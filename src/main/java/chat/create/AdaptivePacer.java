package chat.create;

import chat.graph.Pacer;
import chat.graph.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Paces a bulk run by Graph's own signals, as TCP paces a connection: the rate of starts doubles
 * each second until Graph first throttles; a 429 or 503 then holds every start until Retry-After has
 * passed and cuts the rate by a tenth, and each second after adds a tenth. The limit is found and
 * kept, not guessed.
 */
public final class AdaptivePacer implements Pacer {
    /** Where the rate starts, before doubling: above Graph's Teams limits (30 a second an app), so that
     * finding the limit takes a few cuts rather than seconds of climbing. */
    static final double INITIAL_RATE = 50;
    static final double MIN_RATE = 0.5;
    static final double MAX_RATE = 1000;
    static final double DECREASE = 0.9;
    /** Without Retry-After, a throttled run holds this long. */
    static final Duration DEFAULT_HOLD = Duration.ofSeconds(1);
    /** The longest hold of every start: a longer Retry-After holds the request that got it (within its
     * time limit), not the whole run. */
    static final Duration MAX_HOLD = Duration.ofSeconds(10);
    /** Throttled answers this close together tell of one overload, not several. */
    static final Duration SAME_EVENT = Duration.ofMillis(250);
    /** Past the first throttling, each answer adds this much a second: a tenth more each second. */
    static final double GROWTH = 0.1;

    private final Clock clock;
    private final Sleeper sleeper;
    private double rate = INITIAL_RATE;
    private double threshold = MAX_RATE;
    private Instant nextStart;
    private Instant holdUntil;
    private Instant lastDecrease;

    public AdaptivePacer(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.nextStart = clock.instant();
        this.holdUntil = nextStart;
        this.lastDecrease = Instant.MIN;
    }

    @Override
    public void beforeAttempt() throws InterruptedException {
        Duration wait;
        synchronized (this) {
            Instant now = clock.instant();
            Instant start = latest(now, latest(nextStart, holdUntil));
            nextStart = start.plusNanos((long) (1e9 / rate));
            wait = Duration.between(now, start);
        }
        if (!wait.isZero() && !wait.isNegative()) {
            sleeper.sleep(wait);
        }
    }

    @Override
    public synchronized void throttled(Optional<Duration> retryAfter) {
        Instant now = clock.instant();
        Duration asked = retryAfter.orElse(DEFAULT_HOLD);
        Duration hold = asked.compareTo(MAX_HOLD) > 0 ? MAX_HOLD : asked;
        holdUntil = latest(holdUntil, now.plus(hold));
        // The requests in flight all meet the same limit: one cut for them all.
        Duration sameEvent = Duration.ofNanos(Math.max((long) (2e9 / rate), SAME_EVENT.toNanos()));
        if (lastDecrease.equals(Instant.MIN) || Duration.between(lastDecrease, now).compareTo(sameEvent) > 0) {
            rate = Math.max(MIN_RATE, rate * DECREASE);
            threshold = rate;
            lastDecrease = now;
        }
    }

    @Override
    public synchronized void answered() {
        // Slow start: +1 an answer doubles the rate each second; after the first throttling, a tenth
        // more each second.
        rate = Math.min(MAX_RATE, rate + (rate < threshold ? 1 : GROWTH));
    }


    /** Requests a second it starts now. */
    public synchronized double rate() {
        return rate;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
