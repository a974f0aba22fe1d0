package chat.output;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A bulk run's progress, redrawn in place on stderr: only when stderr is a terminal a person watches.
 * It says how long is left, and while Graph has the run wait out a long Retry-After, for how long.
 */
final class Progress {
    private static final Duration REDRAW = Duration.ofMillis(100);
    private static final int WIDTH = 24;

    private final PrintWriter err;
    private final Clock clock;
    private final Instant start;
    private Instant lastDrawn = Instant.MIN;
    private boolean drawn;

    Progress(PrintWriter err, Clock clock) {
        this.err = err;
        this.clock = clock;
        this.start = clock.instant();
    }

    /** @param resumesAt when a long Retry-After that is being waited out ends, if one is */
    synchronized void update(int done, int total, int created, int existing, int failed, int sentThisRun,
                             Optional<Instant> resumesAt) {
        Instant now = clock.instant();
        if (done < total && Duration.between(lastDrawn, now).compareTo(REDRAW) < 0) {
            return;
        }
        lastDrawn = now;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        double seconds = Math.max(0.001, Duration.between(start, now).toMillis() / 1000.0);
        String pace = resumesAt.filter(now::isBefore)
                .map(at -> "throttled by Graph: resuming in " + span(Duration.between(now, at)))
                .orElse(String.format(Locale.ROOT, "%.1f/s", sentThisRun / seconds));
        String left = done == 0 || done >= total ? ""
                : "  " + span(Duration.ofMillis((long) ((total - done) * (seconds * 1000 / done)))) + " left";
        err.print(String.format(Locale.ROOT, "\r[%s%s] %d/%d  %d created  %d existing  %d failed  %s%s\u001b[K",
                "#".repeat(filled), "-".repeat(WIDTH - filled), done, total, created, existing, failed, pace, left));
        err.flush();
        drawn = true;
    }

    /** "27 s", "4 min 10 s", "2 h 5 min": as precise as a person waiting needs. */
    static String span(Duration duration) {
        long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return seconds / 3600 + " h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + " min");
    }

    /** Clears the bar, so that a note or the summary line stands alone. */
    synchronized void clear() {
        if (drawn) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
