package chat.testing;

import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Graph's throttling of creations, as it may behave: Graph documents a rate, not its limiter, so the
 * pacer is held against four models. Time is in nanoseconds from any origin; safe between threads.
 * Only what is admitted counts against the limit.
 *
 * <ol>
 *   <li>{@code sliding}: at most R in any one-second window; Retry-After in whole seconds, until a slot frees, rounded up</li>
 *   <li>{@code fixed}: at most R in each calendar second; Retry-After until the next one, in whole seconds</li>
 *   <li>{@code bucket}: a token bucket of R a second with a tenth of a second's burst; Retry-After fractional</li>
 *   <li>{@code changing}: sliding, whose R falls to a third 10 s after the first request, for 20 s, then comes back</li>
 * </ol>
 * Used by the stand-in for Graph of the benchmarks (tools/FakeGraphServer.java) and by the pacer's tests.
 */
public abstract class RateLimiter {
    static final long SECOND = 1_000_000_000L;

    /** @return null to admit the request arriving at {@code nanos}, else the Retry-After to answer 429 with */
    public abstract String admit(long nanos);

    /** Creations a second allowed at {@code nanos}: what a run at the limit would sustain. */
    public abstract double allowed(long nanos);

    public static RateLimiter of(String model, double rate) {
        return switch (model) {
            case "sliding" -> new Sliding(rate, false);
            case "fixed" -> new Fixed(rate);
            case "bucket" -> new Bucket(rate);
            case "changing" -> new Sliding(rate, true);
            default -> throw new IllegalArgumentException("no limiter model " + model
                    + ": sliding, fixed, bucket or changing");
        };
    }

    private static String wholeSeconds(long nanos) {
        return String.valueOf(Math.max(1, (nanos + SECOND - 1) / SECOND));
    }

    private static final class Sliding extends RateLimiter {
        private final double rate;
        private final boolean changing;
        private final ArrayDeque<Long> admitted = new ArrayDeque<>();
        private long first = Long.MIN_VALUE;

        Sliding(double rate, boolean changing) {
            this.rate = rate;
            this.changing = changing;
        }

        @Override
        public synchronized String admit(long nanos) {
            if (first == Long.MIN_VALUE) {
                first = nanos;
            }
            while (!admitted.isEmpty() && admitted.peekFirst() <= nanos - SECOND) {
                admitted.pollFirst();
            }
            if (admitted.size() < Math.floor(allowed(nanos))) {
                admitted.addLast(nanos);
                return null;
            }
            return wholeSeconds(admitted.peekFirst() + SECOND - nanos);
        }

        @Override
        public synchronized double allowed(long nanos) {
            if (!changing || first == Long.MIN_VALUE) {
                return rate;
            }
            long since = nanos - first;
            return since >= 10 * SECOND && since < 30 * SECOND ? rate / 3 : rate;
        }
    }

    private static final class Fixed extends RateLimiter {
        private final double rate;
        private long window = Long.MIN_VALUE;
        private int count;

        Fixed(double rate) {
            this.rate = rate;
        }

        @Override
        public synchronized String admit(long nanos) {
            long current = Math.floorDiv(nanos, SECOND);
            if (current != window) {
                window = current;
                count = 0;
            }
            if (count < Math.floor(rate)) {
                count++;
                return null;
            }
            return wholeSeconds((current + 1) * SECOND - nanos);
        }

        @Override
        public double allowed(long nanos) {
            return rate;
        }
    }

    private static final class Bucket extends RateLimiter {
        private final double rate;
        private final double capacity;
        private double tokens;
        private long refilled = Long.MIN_VALUE;

        Bucket(double rate) {
            this.rate = rate;
            this.capacity = Math.max(1, rate / 10);
            this.tokens = capacity;
        }

        @Override
        public synchronized String admit(long nanos) {
            if (refilled != Long.MIN_VALUE) {
                tokens = Math.min(capacity, tokens + (nanos - refilled) / (double) SECOND * rate);
            }
            refilled = nanos;
            if (tokens >= 1) {
                tokens -= 1;
                return null;
            }
            return String.format(Locale.ROOT, "%.3f", (1 - tokens) / rate);
        }

        @Override
        public double allowed(long nanos) {
            return rate;
        }
    }
}
