package chat.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.FakeClock;
import chat.testing.RateLimiter;
import chat.testing.RecordingSleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pacer by itself, and driven with a fake clock through a simulated bulk run against each
 * limiter model: a bulk run's lines in progress at once, 10 ms a request, every 429 waited out for
 * its Retry-After and sent again, paced like the rest.
 */
class AdaptivePacerTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final FakeClock clock = new FakeClock(T0);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final AdaptivePacer pacer = new AdaptivePacer(clock, sleeper, new Stop());

    @Test
    void startsAreSpacedByTheRate() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            pacer.beforeAttempt(false);
        }
        assertEquals(4, sleeper.waits().size(), "the first starts at once");
        sleeper.waits().forEach(wait -> assertEquals(Duration.ofMillis(20), wait)); // 50 a second
    }

    @Test
    void onlyTheNextToStartSleepsAndARetryGoesBeforeWhatIsNotYetSent() throws Exception {
        Stop stop = new Stop();
        Bed bed = new Bed();
        AdaptivePacer lines = new AdaptivePacer(clock, stop.sleeper(bed), stop);
        lines.beforeAttempt(false); // the first starts at once
        List<Thread> waiting = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "a retry")) {
            Thread line = new Thread(() -> {
                try {
                    lines.beforeAttempt(name.endsWith("retry"));
                } catch (InterruptedException e) {
                    throw new AssertionError(name + " interrupted", e);
                }
            }, name);
            line.start();
            waiting.add(line);
            awaitParked(line); // asleep, or waiting its turn
        }
        assertEquals(1, bed.asleep.get(), "the lines after the next wait their turn, not each in a sleep");
        while (waiting.stream().anyMatch(Thread::isAlive)) {
            bed.wake.release();
            Thread.sleep(1);
        }
        assertEquals(List.of("a", "a retry", "b", "c"), bed.sleepers, "a retry's time limit is running");
        assertEquals(1, bed.most.get());
    }

    @Test
    void aStopEndsTheWaitOfTheLinesWaitingTheirTurnEvenWhenTheirStartIsDue() throws Exception {
        Stop stop = new Stop();
        Bed bed = new Bed();
        AdaptivePacer lines = new AdaptivePacer(clock, stop.sleeper(bed), stop);
        lines.beforeAttempt(false);
        List<String> ended = new CopyOnWriteArrayList<>();
        List<Thread> waiting = new ArrayList<>();
        for (String name : List.of("asleep", "in turn")) {
            Thread line = new Thread(() -> {
                try {
                    lines.beforeAttempt(false);
                    ended.add(name + " started");
                } catch (InterruptedException e) {
                    ended.add(name + " stopped");
                }
            });
            line.start();
            waiting.add(line);
            awaitParked(line);
        }
        clock.advance(Duration.ofSeconds(1)); // both starts are due now
        stop.request(Stop.Reason.INTERRUPTED, RunStoppedException.interrupted());
        for (Thread line : waiting) {
            line.join(10_000);
        }
        assertEquals(Set.of("asleep stopped", "in turn stopped"), Set.copyOf(ended));
    }

    /** A sleeper that sleeps until woken, and counts who sleeps at once. */
    private final class Bed implements chat.graph.Sleeper {
        final AtomicInteger asleep = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final Semaphore wake = new Semaphore(0);
        /** Who slept, in order: a line sleeps only in its turn. */
        final List<String> sleepers = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            sleepers.add(Thread.currentThread().getName());
            most.accumulateAndGet(asleep.incrementAndGet(), Math::max);
            try {
                wake.acquire();
                clock.advance(duration);
            } finally {
                asleep.decrementAndGet();
            }
        }
    }

    private static void awaitParked(Thread thread) throws InterruptedException {
        for (int i = 0; i < 10_000 && thread.getState() != Thread.State.WAITING; i++) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.WAITING, thread.getState());
    }

    @Test
    void eachAnswerRaisesTheRateUntilGraphThrottles() {
        double before = pacer.rate();
        for (int i = 0; i < 10; i++) {
            pacer.answered();
        }
        assertEquals(before + 10, pacer.rate(), 1e-9, "+1 an answer: doubling each second");
    }

    @Test
    void aThrottlingSetsThePaceJustUnderWhatGraphLetThroughInTheLastSecond() {
        for (int i = 0; i < 40; i++) {
            clock.advance(Duration.ofMillis(30)); // 40 answers over 1.2 s: 34 in the last second
            pacer.answered();
        }
        pacer.throttled(Optional.of(Duration.ofSeconds(1)));
        assertTrue(Double.isNaN(pacer.limit()), "one throttling alone is a burst of the run's own");
        throttledThrice();
        throttledThrice(); // the same overload, seen by more requests
        counted();

        assertEquals(34, pacer.limit(), 1e-9);
        assertEquals(34 * 0.97, pacer.rate(), 1e-9);
    }

    @Test
    void aWholeSecondRetryAfterDoesNotHoldTheRunButALongOneDoesForTenSecondsAtMost() throws InterruptedException {
        pacer.throttled(Optional.of(Duration.ofSeconds(1)));
        pacer.beforeAttempt(false);
        assertEquals(0, sleeper.waits().size(), "a one-second window frees slots sooner: the next start is not held");

        pacer.throttled(Optional.of(Duration.ofSeconds(3600)));
        pacer.beforeAttempt(false);
        assertEquals(List.of(Duration.ofSeconds(10)), sleeper.waits());
    }

    @Test
    void betweenTheLimitAndTheCeilingAProbeAsksForTheMiddleAndIsTheLimitWhenLetThrough() {
        measuredAfter(10, Duration.ofMillis(100)); // 10 let through, throttled at 60 a second
        assertEquals(10, pacer.limit(), 1e-9);
        clock.advance(AdaptivePacer.NEXT_PROBE);
        pacer.reserve(clock.instant()); // the probe starts, at the geometric middle of 10 and 60
        clock.advance(AdaptivePacer.PROBE_LENGTH);
        pacer.reserve(clock.instant()); // and ends unthrottled

        assertEquals(Math.sqrt(600), pacer.limit(), 1e-9);
        assertEquals(Math.sqrt(600) * 0.97, pacer.rate(), 1e-9);
    }

    @Test
    void aProbeThatIsThrottledLeavesTheLimitAndTheNextFoundProbeWaitsTwiceAsLong() {
        measuredAfter(20, Duration.ofMillis(50)); // 20 let through, throttled at 70 a second
        clock.advance(AdaptivePacer.NEXT_PROBE);
        pacer.reserve(clock.instant()); // a probe at sqrt(20 × 70)
        pacer.throttled(Optional.of(Duration.ofSeconds(1)));
        assertEquals(20, pacer.limit(), 1e-9, "the limit stands");

        for (int probe = 0; probe < 4; probe++) { // halving the distance to the ceiling until found
            clock.advance(AdaptivePacer.PROBE_EVERY.multipliedBy(2));
            pacer.reserve(clock.instant());
            pacer.throttled(Optional.of(Duration.ofSeconds(1)));
        }
        assertEquals(20, pacer.limit(), 1e-9);
        assertEquals(20 * 0.97, pacer.rate(), 1e-9);
    }

    /**
     * At a few requests a second a failed probe wastes a start that is a large share of a second: the
     * limit is found within one request a second (a window counts whole requests), and once found, a
     * probe that fails lets {@value AdaptivePacer#STARTS_AFTER_FAILED_PROBE} starts go by before the next.
     */
    @Test
    void aFewASecondAreFoundWithinOneAndAFailedProbeLetsFiftyStartsGoByBeforeTheNext() {
        measuredAfter(5, Duration.ofMillis(20)); // 5 let through, throttled at 55 a second
        for (double probe : new double[] {Math.sqrt(5 * 55), 9.1, 6.7}) { // not found: a probe a second
            clock.advance(AdaptivePacer.NEXT_PROBE);
            pacer.reserve(clock.instant());
            pacer.throttled(Optional.of(Duration.ofSeconds(1)));
            assertEquals(5, pacer.limit(), 1e-9, "a probe at " + probe + " throttled");
        }
        clock.advance(AdaptivePacer.NEXT_PROBE);
        pacer.reserve(clock.instant()); // at 5.8 a second: within one of the limit, which is found
        pacer.throttled(Optional.of(Duration.ofSeconds(1)));

        clock.advance(AdaptivePacer.PROBE_EVERY);
        pacer.reserve(clock.instant()); // a probe a step above it, at 5.25, throttled
        pacer.throttled(Optional.of(Duration.ofSeconds(1)));
        clock.advance(AdaptivePacer.PROBE_EVERY.multipliedBy(2));
        pacer.reserve(clock.instant());
        clock.advance(AdaptivePacer.PROBE_LENGTH);
        pacer.reserve(clock.instant());
        assertEquals(5, pacer.limit(), 1e-9, "no probe within fifty starts of the one that failed");

        cruise(AdaptivePacer.STARTS_AFTER_FAILED_PROBE);
        clock.advance(AdaptivePacer.PROBE_EVERY.multipliedBy(2));
        pacer.reserve(clock.instant());
        clock.advance(AdaptivePacer.PROBE_LENGTH);
        pacer.reserve(clock.instant());
        assertEquals(5 * 1.05, pacer.limit(), 1e-9, "the next probe, let through, is the limit");
    }

    @Test
    void aLongRetryAfterBeingWaitedOutIsToldUntilItEnds() {
        pacer.waiting(Duration.ofSeconds(5));
        assertEquals(Optional.empty(), pacer.resumesAt(), "a short wait is not worth telling");
        pacer.waiting(Duration.ofSeconds(40));
        pacer.waiting(Duration.ofSeconds(30));

        assertEquals(Optional.of(T0.plusSeconds(30)), pacer.resumesAt());
        clock.advance(Duration.ofSeconds(31));
        assertEquals(Optional.of(T0.plusSeconds(40)), pacer.resumesAt());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Optional.empty(), pacer.resumesAt());
    }

    /**
     * Graph's refusals come in among the answers to what it let through, over connections that opened
     * at different times: what it let through is counted a moment after it throttled, answers that came
     * just after included, and nothing starts meanwhile.
     */
    @Test
    void whatGraphLetThroughIsCountedAMomentAfterItThrottled() {
        for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofMillis(100));
            pacer.answered();
        }
        throttledThrice(); // 5 were let through; 2 of their answers are in
        assertTrue(Double.isNaN(pacer.limit()), "not counted yet");
        assertEquals(AdaptivePacer.SAME_EVENT, pacer.reserve(clock.instant()), "no start while counting");
        clock.advance(Duration.ofMillis(20));
        for (int i = 0; i < 3; i++) {
            pacer.answered(); // the other 3, just after the refusals
        }
        counted();

        assertEquals(5, pacer.limit(), 1e-9);
    }

    /** {@code starts} starts at the pace, each when it is due. */
    private void cruise(int starts) {
        for (int i = 0; i < starts; i++) {
            Duration wait = pacer.reserve(clock.instant());
            if (!wait.isZero()) {
                clock.advance(wait);
                assertEquals(Duration.ZERO, pacer.reserve(clock.instant()));
            }
        }
    }

    /** The moment after a throttling when what Graph let through is counted. */
    /** Graph answers {@code letThrough} requests, {@code apart} from each other, then throttles: they are counted. */
    private void measuredAfter(int letThrough, Duration apart) {
        for (int i = 0; i < letThrough; i++) {
            clock.advance(apart);
            pacer.answered();
        }
        throttledThrice();
        counted();
    }

    private void counted() {
        clock.advance(AdaptivePacer.SAME_EVENT);
        pacer.reserve(clock.instant());
    }

    private void throttledThrice() {
        for (int i = 0; i < AdaptivePacer.THROTTLED_IN_A_ROW; i++) {
            pacer.throttled(Optional.of(Duration.ofSeconds(1)));
        }
    }

    /** What a simulated run of {@code chats} chats sustained, against the limiter. */
    record Run(double seconds, double share, int throttled) {
    }

    static Run simulate(RateLimiter limiter, int chats) {
        return simulate(limiter, chats, Duration.ZERO);
    }

    /** @param jitter the most a request may arrive later than its start and the latency say: at random, seeded */
    static Run simulate(RateLimiter limiter, int chats, Duration jitter) {
        AdaptivePacer simulated = new AdaptivePacer(new FakeClock(T0), duration -> { }, new Stop());
        Simulation run = new Simulation(limiter, simulated, chats, jitter);
        return run.go();
    }

    /** A bulk run in virtual time: events in time order, each line's attempts paced by the pacer. */
    private static final class Simulation {
        private static final Duration LATENCY = Duration.ofMillis(10);
        private record Event(Instant at, long order, Runnable action) {
        }

        private final RateLimiter limiter;
        private final AdaptivePacer pacer;
        private final Duration jitter;
        private final Random random = new Random(42);
        private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.at().equals(b.at())
                ? Long.compare(a.order(), b.order()) : a.at().compareTo(b.at()));
        private int left;
        private int done;
        private int throttled;
        private long order;
        private Instant last = T0;

        Simulation(RateLimiter limiter, AdaptivePacer pacer, int chats, Duration jitter) {
            this.limiter = limiter;
            this.pacer = pacer;
            this.jitter = jitter;
            this.left = chats;
        }

        Run go() {
            int chats = left;
            for (int slot = 0; slot < BulkCreate.LINES_AT_ONCE; slot++) {
                next(T0);
            }
            while (!events.isEmpty()) {
                events.poll().action().run();
            }
            double seconds = Duration.between(T0, last).toNanos() / 1e9;
            double allowed = 0;
            for (Instant t = T0; t.isBefore(last); t = t.plusMillis(10)) {
                allowed += limiter.allowed(nanos(t)) * 0.01;
            }
            assertEquals(chats, done);
            return new Run(seconds, chats / allowed, throttled);
        }

        private void at(Instant time, Runnable action) {
            events.add(new Event(time, order++, action));
        }

        private void next(Instant now) {
            if (left > 0) {
                left--;
                attempt(now);
            }
        }

        private void attempt(Instant now) {
            Duration notYet = pacer.reserve(now);
            if (!notYet.isZero()) {
                at(now.plus(notYet), () -> attempt(now.plus(notYet)));
                return;
            }
            Instant start = now;
            long late = (long) (random.nextDouble() * jitter.toNanos());
            Instant arrival = start.plus(LATENCY.dividedBy(2)).plusNanos(late);
            Instant answer = arrival.plus(LATENCY.dividedBy(2));
            at(arrival, () -> {
                String retryAfter = limiter.admit(nanos(arrival));
                at(answer, () -> {
                    if (retryAfter == null) {
                        pacer.answered(answer);
                        done++;
                        last = answer;
                        next(answer);
                    } else {
                        throttled++;
                        Duration wait = Duration.ofNanos((long) (Double.parseDouble(retryAfter) * 1e9));
                        pacer.throttled(answer, Optional.of(wait));
                        at(answer.plus(wait), () -> attempt(answer.plus(wait)));
                    }
                });
            });
        }

        private static long nanos(Instant t) {
            return Duration.between(T0, t).toNanos();
        }
    }

    static Stream<Arguments> modelsAndRates() {
        return Stream.of("sliding", "fixed", "bucket").flatMap(model -> Stream.of(5, 20, 30, 100)
                .map(rate -> Arguments.of(model, rate)));
    }

    @ParameterizedTest(name = "{0} at {1} a second")
    @MethodSource("modelsAndRates")
    void aThousandChatsRunNearTheLimitAndRarelyOvershoot(String model, int rate) {
        Run run = simulate(RateLimiter.of(model, rate), 1000);

        assertTrue(run.share() >= 0.90, model + " at " + rate + ": " + run);
        assertTrue(run.throttled() <= 1000 * 0.2, model + " at " + rate + ": " + run);
    }

    /**
     * Requests arrive less evenly than they leave (threads that wake late, connections that take
     * their time): each up to 40 ms late, at random. The margin widens, and the run stays near the
     * limit; the token bucket at 5 a second, whose burst is one request, is the hardest hit.
     */
    @ParameterizedTest(name = "{0} at {1} a second")
    @MethodSource("modelsAndRates")
    void aThousandChatsThatArriveUnevenlyStillRunNearTheLimit(String model, int rate) {
        Run run = simulate(RateLimiter.of(model, rate), 1000, Duration.ofMillis(40));

        assertTrue(run.share() >= 0.80, model + " at " + rate + ": " + run);
        assertTrue(run.throttled() <= 1000 * 0.2, model + " at " + rate + ": " + run);
    }

    @Test
    void aLimitThatFallsIsFollowedDownAndFoundAgainWhenItRises() {
        Run run = simulate(RateLimiter.of("changing", 30), 1000);

        assertTrue(run.share() >= 0.80, "of the time-weighted limit: " + run);
    }
}
