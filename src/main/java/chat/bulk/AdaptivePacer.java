package chat.bulk;

import chat.graph.Pacer;
import chat.graph.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Paces a bulk run just under the rate Graph lets through, learnt from what it lets through.
 *
 * <p>Graph documents its Teams limits as rates, not its limiter, and real limiters answer an
 * overshoot with a whole-second Retry-After (see "Throttling, as it behaves" in the reference). A
 * throttled request waits its own Retry-After (the retrying sender sleeps it) and is then paced like
 * any other; the run does not stop for it, since a one-second window frees slots long before a whole
 * second has passed. What an overshoot costs is the start it wasted and a second for the request
 * that got it; going under the limit is what loses time. The pacer:
 * <ol>
 *   <li><b>finds</b> the limit: it starts at {@value #INITIAL_RATE} a second, above Graph's Teams
 *   limits, and adds one a second for each answer (doubling each second) until Graph throttles;</li>
 *   <li><b>measures</b> it when Graph throttles it, {@value #THROTTLED_IN_A_ROW} times within a
 *   second (one alone — the JVM warming up, connections opening at once, a request a few milliseconds
 *   early — tells of a burst of the run's own, and its request simply waits): what Graph let through
 *   in the second before is the limit — exactly so for a sliding or fixed window, at most so for a
 *   token bucket whose burst was spent sooner, and in any case what is left for this run when other
 *   runs of the app spend the rest — and the pace throttled is above it (the <i>ceiling</i>).
 *   Answers to what it let through come in among its refusals, so they are counted
 *   {@link #SAME_EVENT} later, with no start meanwhile; answers for a second after that are to
 *   requests sent before it, and are not measured again;</li>
 *   <li><b>cruises</b> a margin under the limit: {@value #MARGIN_PERCENT}%, one point more each time
 *   Graph throttles it there (requests arrive less evenly than they leave), up to
 *   {@link #MAX_MARGIN}, and one point less for each probe let through; and</li>
 *   <li><b>probes</b> for {@link #PROBE_LENGTH} at a higher pace. Between the limit and a ceiling the
 *   probe asks for the geometric middle, every {@link #NEXT_PROBE}: a limit that lies anywhere from 2 to
 *   100 a second is found in a few probes. Within {@value #FIRST_STEP_PERCENT}% of the ceiling, or
 *   one request a second (a window counts whole requests), the limit is found: from then a probe asks
 *   {@value #FIRST_STEP_PERCENT}% more after {@link #PROBE_EVERY} (twice that after one fails, so that
 *   a limit that is found is not pressed on, and, at the highest limit the run has seen, not before
 *   {@value #STARTS_AFTER_FAILED_PROBE} more starts: the start a failed probe wastes is a large share
 *   of a second at a few a second), and twice as much more each time one is let through. One let
 *   through is the new limit; and when the highest limit measured in the run is higher still (a limit
 *   that fell when another pipeline of the app started), the next probe asks for it whole: a limit
 *   that comes back is found again at once.</li>
 * </ol>
 * Only a Retry-After of {@link #SHARED_HOLD_FROM} or more (a sign that all of the app's calls are held)
 * holds every start, for at most {@link #MAX_HOLD}.
 *
 * <p>How the constants were chosen, and what they give against each limiter model: bench/pacing.md.
 */
public final class AdaptivePacer implements Pacer {
    static final double INITIAL_RATE = 50;
    static final double MIN_RATE = 0.5;
    static final double MAX_RATE = 1000;
    static final int MARGIN_PERCENT = 3;
    static final double MIN_MARGIN = MARGIN_PERCENT / 100.0;
    static final double MARGIN_STEP = 0.01;
    static final double MAX_MARGIN = 0.10;
    static final int FIRST_STEP_PERCENT = 5;
    static final double FIRST_STEP = FIRST_STEP_PERCENT / 100.0;
    static final double MAX_STEP = 1.0;
    /** What Graph let through is counted over this long. */
    static final Duration WINDOW = Duration.ofSeconds(1);
    static final Duration PROBE_LENGTH = Duration.ofSeconds(1);
    /** After a probe let through, or while the limit lies far under its ceiling. */
    static final Duration NEXT_PROBE = Duration.ofSeconds(1);
    /** Once the limit is found; twice as long after a probe that failed. */
    static final Duration PROBE_EVERY = Duration.ofSeconds(3);
    /** A probe that fails wastes a start: at the highest limit seen, the next waits for this many more. */
    static final int STARTS_AFTER_FAILED_PROBE = 50;
    static final int MAX_BACKOFF_DOUBLINGS = 1;
    /** Answers this soon after a failed probe are to requests sent during it: one throttling, not several. */
    static final Duration SAME_EVENT = Duration.ofMillis(250);
    /** Without Retry-After, a throttled request waits this long (the retrying sender's own backoff aside). */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    static final Duration SHARED_HOLD_FROM = Duration.ofSeconds(2);
    /** The longest hold of every start: a longer Retry-After holds the request that got it (within its
     * time limit), not the whole run. */
    static final Duration MAX_HOLD = Duration.ofSeconds(10);
    static final int THROTTLED_IN_A_ROW = 3;
    /** A wait a person watching the progress line is told of. */
    static final Duration LONG_WAIT = Duration.ofSeconds(30);

    private enum Phase { FINDING, CRUISING }

    private final Clock clock;
    private final Sleeper sleeper;
    private final Turns turns;
    private final ArrayDeque<Instant> letThrough = new ArrayDeque<>();
    private final ArrayDeque<Instant> throttledAt = new ArrayDeque<>();
    private final java.util.TreeMap<Instant, Integer> longWaits = new java.util.TreeMap<>();
    private Phase phase = Phase.FINDING;
    private double rate = INITIAL_RATE;
    private double limit = Double.NaN;
    private double ceiling = Double.NaN;
    private double remembered = Double.NaN;
    private double step = FIRST_STEP;
    private double margin = MIN_MARGIN;
    private double probePace = Double.NaN;
    private Instant nextStart;
    private Instant holdUntil;
    private Instant nextProbe;
    private Instant quietUntil = Instant.MIN;
    /** When Graph throttled the run, while what it let through before is still being counted; else null. */
    private Instant measuring;
    private int failedProbes;
    private long starts;
    private long nextProbeStart;
    private Instant probeUntil;

    /**
     * @param sleeper for the wait before a start: one the stop ends
     * @param stop    ends the wait for a turn as well
     */
    public AdaptivePacer(Clock clock, Sleeper sleeper, Stop stop) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.turns = new Turns(stop);
        this.nextStart = clock.instant();
        this.holdUntil = nextStart;
    }

    /** Only the request whose turn it is sleeps until its start: {@link Turns}. */
    @Override
    public void beforeAttempt(boolean retry) throws InterruptedException {
        turns.take(retry);
        try {
            for (Duration wait = reserve(clock.instant()); !wait.isZero(); wait = reserve(clock.instant())) {
                sleeper.sleep(wait);
            }
        } finally {
            turns.pass();
        }
    }

    /**
     * A start now, if one is due ({@link Duration#ZERO}); else how long to wait before asking again.
     * Nothing is taken ahead of time, so that a new pace holds for the very next start.
     */
    synchronized Duration reserve(Instant now) {
        forget(now);
        measure(now);
        probe(now);
        Instant due = latest(nextStart, holdUntil);
        if (now.isBefore(due)) {
            return Duration.between(now, due);
        }
        long interval = (long) (1e9 / pace());
        // One start late (the thread woke after its time) is made up; more is not: no bursts.
        nextStart = latest(nextStart, now.minusNanos(interval)).plusNanos(interval);
        starts++;
        return Duration.ZERO;
    }

    @Override
    public boolean answersThrottling() {
        return true;
    }

    @Override
    public void throttled(Optional<Duration> retryAfter) {
        throttled(clock.instant(), retryAfter);
    }

    synchronized void throttled(Instant now, Optional<Duration> retryAfter) {
        Duration asked = retryAfter.orElse(DEFAULT_RETRY_AFTER);
        if (asked.compareTo(SHARED_HOLD_FROM) >= 0) {
            holdUntil = latest(holdUntil, now.plus(asked.compareTo(MAX_HOLD) > 0 ? MAX_HOLD : asked));
        }
        throttledAt.addLast(now);
        forget(now);
        if (probeUntil != null) {
            // The probe asked too much: the limit stands, under what the probe asked. The next probe
            // comes later each time one fails in a row: a limit that is found is not pressed on.
            ceiling = probePace;
            probeUntil = null;
            step = FIRST_STEP;
            if (found()) {
                failedProbes++;
                // Under a higher limit seen in the run, probes keep their time: it may come back.
                nextProbeStart = remembered > limit * (1 + FIRST_STEP) ? starts : starts + STARTS_AFTER_FAILED_PROBE;
                cruise(now, PROBE_EVERY.multipliedBy(1L << Math.min(failedProbes - 1, MAX_BACKOFF_DOUBLINGS)));
            } else {
                cruise(now, NEXT_PROBE); // still far from the ceiling: the next probe halves the distance
            }
            quietUntil = now.plus(WINDOW); // the window is full of the probe's requests for a second
            return;
        }
        if (now.isBefore(quietUntil)) {
            return; // answers to requests sent before the last cut, or a window still full from then
        }
        if (phase == Phase.CRUISING) {
            // Throttled under the limit: the requests arrive less evenly than they leave. Keep further off.
            margin = Math.min(MAX_MARGIN, margin + MARGIN_STEP);
            rate = Math.max(MIN_RATE, limit * (1 - margin));
        }
        if (!throttling() || measuring != null) {
            return; // a burst of the run's own: its request waits, the limit stands
        }
        // Graph let some through in the second before and then said no. Answers to what it let through
        // come in among its refusals, so they are counted a moment later; no start meanwhile.
        ceiling = pace();
        measuring = now;
        holdUntil = latest(holdUntil, now.plus(SAME_EVENT));
        quietUntil = now.plus(WINDOW);
    }

    /**
     * What Graph let through in the second before it throttled, the answers that came just after
     * counted in: the limit, or (a token bucket's burst spent in less than a second) less than it.
     */
    private void measure(Instant now) {
        if (measuring == null || now.isBefore(measuring.plus(SAME_EVENT))) {
            return;
        }
        Instant from = measuring.minus(WINDOW);
        double measured = letThrough.stream().filter(at -> at.isAfter(from)).count() / (double) WINDOW.toSeconds();
        measuring = null;
        limit = Math.max(MIN_RATE, measured == 0 ? ceiling / 2 : measured);
        remembered = Double.isNaN(remembered) ? limit : Math.max(remembered, limit);
        step = FIRST_STEP;
        cruise(now, found() ? PROBE_EVERY : NEXT_PROBE);
    }

    @Override
    public synchronized void waiting(Duration wait) {
        if (wait.compareTo(LONG_WAIT) >= 0) {
            longWaits.merge(clock.instant().plus(wait), 1, Integer::sum);
        }
    }

    /** When the first long Retry-After being waited out ends (for a person watching), if one is. */
    public synchronized Optional<Instant> resumesAt() {
        Instant now = clock.instant();
        longWaits.headMap(now).clear();
        return longWaits.isEmpty() ? Optional.empty() : Optional.of(longWaits.firstKey());
    }

    @Override
    public void answered() {
        answered(clock.instant());
    }

    synchronized void answered(Instant now) {
        letThrough.addLast(now);
        forget(now);
        measure(now);
        if (phase == Phase.FINDING) {
            rate = Math.min(MAX_RATE, rate + 1); // doubling each second
        }
    }

    private double pace() {
        return probeUntil != null ? probePace : rate;
    }

    /** Starts a probe that is due by {@code at}, or ends one that Graph let through. */
    private void probe(Instant at) {
        if (phase != Phase.CRUISING) {
            return;
        }
        if (probeUntil != null && !at.isBefore(probeUntil)) {
            boolean halving = !Double.isNaN(ceiling);
            limit = Math.min(MAX_RATE, probePace); // let through: Graph allows at least this
            remembered = Math.max(remembered, limit);
            if (!halving) {
                step = Math.min(MAX_STEP, step * 2);
            }
            margin = Math.max(MIN_MARGIN, margin - MARGIN_STEP);
            failedProbes = 0;
            probeUntil = null;
            cruise(at, NEXT_PROBE);
        } else if (probeUntil == null && !at.isBefore(nextProbe) && starts >= nextProbeStart) {
            if (found()) {
                ceiling = Double.NaN;
            }
            if (!Double.isNaN(ceiling)) {
                probePace = Math.sqrt(limit * ceiling); // halfway, as a ratio
            } else if (failedProbes == 0 && remembered > limit * (1 + step)) {
                probePace = remembered; // let through just now: the limit that fell may be back whole
            } else {
                probePace = limit * (1 + step);
            }
            probeUntil = at.plus(PROBE_LENGTH);
        }
    }

    /**
     * The limit lies within a probe's first step of what was throttled, or within one request a second
     * (a window counts whole requests): found, as near as probing tells.
     */
    private boolean found() {
        return Double.isNaN(ceiling) || ceiling <= Math.max(limit * (1 + FIRST_STEP), limit + 1);
    }

    private void cruise(Instant now, Duration untilProbe) {
        phase = Phase.CRUISING;
        rate = Math.max(MIN_RATE, limit * (1 - margin));
        nextProbe = now.plus(untilProbe);
    }

    private void forget(Instant now) {
        Instant since = now.minus(WINDOW);
        Instant kept = since.minus(SAME_EVENT); // what a measure still to be made may count
        while (!letThrough.isEmpty() && !letThrough.peekFirst().isAfter(kept)) {
            letThrough.pollFirst();
        }
        while (!throttledAt.isEmpty() && !throttledAt.peekFirst().isAfter(since)) {
            throttledAt.pollFirst();
        }
    }

    /**
     * Whether Graph throttles the run, rather than one burst of it: {@value #THROTTLED_IN_A_ROW}
     * throttlings within a second. One alone (the JVM warming up, new connections opening at once, a
     * request early by a few milliseconds) says nothing of the limit, and its request simply waits.
     */
    private boolean throttling() {
        return throttledAt.size() >= THROTTLED_IN_A_ROW;
    }

    /** Requests a second it starts now (between probes). */
    synchronized double rate() {
        return rate;
    }

    /** The limit learnt, or NaN before Graph first throttled. */
    synchronized double limit() {
        return limit;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
