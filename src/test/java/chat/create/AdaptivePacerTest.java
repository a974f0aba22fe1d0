package chat.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.FakeClock;
import chat.testing.RecordingSleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdaptivePacerTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final AdaptivePacer pacer = new AdaptivePacer(clock, sleeper);

    @Test
    void startsAreSpacedByTheRate() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            pacer.beforeAttempt();
        }
        assertEquals(4, sleeper.waits().size(), "the first starts at once");
        sleeper.waits().forEach(wait -> assertEquals(Duration.ofMillis(20), wait)); // 50 a second
    }

    @Test
    void eachAnswerRaisesTheRateUntilGraphThrottles() {
        double before = pacer.rate();
        for (int i = 0; i < 10; i++) {
            pacer.answered();
        }
        assertEquals(before + 10, pacer.rate(), 1e-9, "slow start: +1 an answer");
    }

    @Test
    void throttlingHoldsEveryStartForRetryAfterAndCutsTheRateOnceAnEvent() throws InterruptedException {
        double before = pacer.rate();
        pacer.throttled(Optional.of(Duration.ofSeconds(3)));
        pacer.throttled(Optional.of(Duration.ofSeconds(3))); // the same overload, seen by another request

        assertEquals(before * 0.9, pacer.rate(), 1e-9);
        pacer.beforeAttempt();
        assertEquals(Duration.ofSeconds(3), sleeper.waits().get(0));

        clock.advance(Duration.ofSeconds(1));
        pacer.throttled(Optional.empty()); // a new overload, later: a second cut, and a default hold
        assertEquals(before * 0.81, pacer.rate(), 1e-9);
    }

    @Test
    void afterThrottlingTheRateGrowsByATenthASecond() {
        pacer.throttled(Optional.of(Duration.ZERO));
        double cut = pacer.rate();
        for (int i = 0; i < 45; i++) {
            pacer.answered(); // a second's answers at 45 a second
        }
        assertEquals(cut + 4.5, pacer.rate(), 1e-9);
        assertTrue(pacer.rate() < cut * 1.11);
    }
}
