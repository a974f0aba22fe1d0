package chat.graph;

import chat.http.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long to keep trying: at most {@code maxRetries} more attempts, all within {@code timeout}. Waits
 * follow Retry-After when Graph sends it, however long (the time limit bounds them: see
 * {@link RetryingSender}); else they double from {@code firstBackoff} with jitter, so that many clients
 * do not retry in step, up to {@code maxWait}.
 */
public record RetryPolicy(int maxRetries, Duration timeout, Duration maxWait, Duration firstBackoff,
                          RandomGenerator random) {
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final int MAX_MAX_RETRIES = 10;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration MAX_WAIT = Duration.ofSeconds(60);
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    /** A Retry-After this long or longer says "not for a very long time": no run waits so long. */
    public static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(365);

    public static RetryPolicy of(int maxRetries, Duration timeout, RandomGenerator random) {
        return new RetryPolicy(maxRetries, timeout, MAX_WAIT, FIRST_BACKOFF, random);
    }

    /** The wait before retry number {@code retry} (1 for the first): Retry-After if usable, else backoff. */
    public Duration waitBefore(int retry, Optional<Duration> retryAfter) {
        return retryAfter.orElseGet(() -> backoff(retry));
    }

    /** Half the doubled delay fixed, half random ("equal jitter"). */
    Duration backoff(int retry) {
        long full = firstBackoff.toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(full, maxWait.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (random.nextDouble() * (capped / 2.0)));
    }

    /**
     * Retry-After as whole seconds, fractional seconds ({@code 2.128}) or an HTTP date; a date is read
     * against the answer's own Date header when there is one, so that a wrong local clock does not matter.
     */
    public static Optional<Duration> retryAfter(Response response, Clock clock) {
        String value = response.header("Retry-After").orElse("");
        // an unreadable hint is no hint: back off instead
        return retryAfter(value).or(() -> httpDate(value).map(until -> {
            Instant now = response.header("Date").flatMap(RetryPolicy::httpDate).orElseGet(clock::instant);
            Duration wait = Duration.between(now, until);
            return wait.isNegative() ? Duration.ZERO : wait;
        }));
    }

    /**
     * Retry-After in whole or fractional seconds, as a batch item's headers give it; empty for anything
     * else. A number of any length is read: one too large for a run to wait is {@link #LONGEST_RETRY_AFTER}.
     */
    public static Optional<Duration> retryAfter(String value) {
        String trimmed = value.trim();
        if (!trimmed.matches("\\d+(\\.\\d+)?")) {
            return Optional.empty();
        }
        java.math.BigDecimal seconds = new java.math.BigDecimal(trimmed);
        if (seconds.compareTo(java.math.BigDecimal.valueOf(LONGEST_RETRY_AFTER.toSeconds())) >= 0) {
            return Optional.of(LONGEST_RETRY_AFTER);
        }
        return Optional.of(Duration.ofNanos(seconds.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP)
                .longValueExact()));
    }

    private static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
