package chat.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.http.Response;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private static Response throttled(String retryAfter) {
        return new Response(429, HttpHeaders.of(Map.of("Retry-After", List.of(retryAfter)), (a, b) -> true), new byte[0]);
    }

    @ParameterizedTest(name = "Retry-After: {0}")
    @CsvSource(delimiter = '|', value = {
        "3                               | 3000",
        "2.128                           | 2128",
        "' 7 '                           | 7000",
        "Sun, 22 Nov 2026 10:00:09 GMT   | 9000",
        "Sun, 22 Nov 2026 09:00:00 GMT   | 0",
    })
    void readsSecondsAndDatesAgainstTheClockWithoutADateHeader(String value, long millis) {
        assertEquals(Optional.of(Duration.ofMillis(millis)), RetryPolicy.retryAfter(throttled(value), CLOCK));
    }

    @ParameterizedTest(name = "Retry-After: {0}")
    @CsvSource(delimiter = '|', value = {"-1", "soon", "1e3", "NaN", "''", "2.", ".5", "1 000"})
    void anUnusableHintIsNoHint(String value) {
        assertEquals(Optional.empty(), RetryPolicy.retryAfter(throttled(value), CLOCK));
    }

    @Test
    void backoffDoublesWithJitterAndIsCapped() {
        RetryPolicy policy = RetryPolicy.of(10, Duration.ofMinutes(10), new Random(7));
        for (int retry = 1; retry <= 10; retry++) {
            long full = Math.min(1000L << (retry - 1), 60_000);
            long wait = policy.waitBefore(retry, Optional.empty()).toMillis();
            assertTrue(wait >= full / 2 && wait <= full, "retry " + retry + ": " + wait);
        }
    }

    @Test
    void aLongRetryAfterIsWaitedAsAskedTheTimeLimitDecidesWhetherToWait() {
        RetryPolicy policy = RetryPolicy.of(3, Duration.ofMinutes(10), new Random(7));

        assertEquals(Duration.ofHours(2), policy.waitBefore(1, Optional.of(Duration.ofHours(2))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"31536000", "99999999999", "99999999999999999999", "123456789012345678901234567890.5"})
    void aRetryAfterTooLongForAnyRunIsAYearOrMore(String value) {
        assertEquals(Optional.of(RetryPolicy.LONGEST_RETRY_AFTER), RetryPolicy.retryAfter(throttled(value), CLOCK));
    }
}
