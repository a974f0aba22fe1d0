package chat.http;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them in messages: "2 s", "1.5 s". */
public final class DurationText {
    private DurationText() {
    }

    public static String seconds(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
