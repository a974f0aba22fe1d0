package chat.output;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A bulk run's progress, redrawn in place on stderr: only when stderr is a terminal a person watches. */
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

    synchronized void update(int done, int total, int created, int existing, int failed, int sentThisRun) {
        Instant now = clock.instant();
        if (done < total && Duration.between(lastDrawn, now).compareTo(REDRAW) < 0) {
            return;
        }
        lastDrawn = now;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        double seconds = Math.max(0.001, Duration.between(start, now).toMillis() / 1000.0);
        err.print(String.format(java.util.Locale.ROOT, "\r[%s%s] %d/%d  %d created  %d existing  %d failed  %.1f/s\u001b[K",
                "#".repeat(filled), "-".repeat(WIDTH - filled), done, total, created, existing, failed,
                sentThisRun / seconds));
        err.flush();
        drawn = true;
    }

    /** Clears the bar, so that the summary line stands alone. */
    synchronized void clear() {
        if (drawn) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
