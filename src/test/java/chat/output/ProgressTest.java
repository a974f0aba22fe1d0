package chat.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.testing.FakeClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The progress line: what is done, the time left, and a long wait said as one. */
class ProgressTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final StringWriter drawn = new StringWriter();
    private final Progress progress = new Progress(new PrintWriter(drawn, true), clock);

    private String last() {
        String all = drawn.toString();
        return all.substring(all.lastIndexOf('\r') + 1).replace("\u001b[K", "");
    }

    @Test
    void itSaysTheRateAndTheTimeLeft() {
        clock.advance(Duration.ofSeconds(10));
        progress.update(100, 1000, 90, 5, 5, 100, Optional.empty());

        assertEquals("[##----------------------] 100/1000  90 created  5 existing  5 failed  10.0/s  1 min 30 s left",
                last());
    }

    @Test
    void aLongRetryAfterIsSaidAsAWaitNotAFrozenLine() {
        clock.advance(Duration.ofSeconds(10));
        progress.update(500, 1000, 500, 0, 0, 500, Optional.of(clock.instant().plusSeconds(27)));

        assertEquals("[############------------] 500/1000  500 created  0 existing  0 failed  throttled by Graph: "
                + "resuming in 27 s  10 s left", last());
    }

    @Test
    void spansReadAsAPersonWouldSayThem() {
        assertEquals("27 s", Progress.span(Duration.ofMillis(26_100)));
        assertEquals("4 min 10 s", Progress.span(Duration.ofSeconds(250)));
        assertEquals("2 h 5 min", Progress.span(Duration.ofMinutes(125)));
    }
}
