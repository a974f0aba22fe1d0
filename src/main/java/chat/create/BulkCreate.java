package chat.create;

import chat.graph.Sleeper;
import chat.request.ChatType;
import chat.request.Member;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * `chat create --from`: the lines of an input, up to {@value #LINES_AT_ONCE} at once (paced by Graph:
 * the pacer is in the creator's client), each taken through its {@link LineJourney} and its outcome
 * told to a listener. Group lines of the same people go in input order, so that the first makes the
 * chat and the rest find it (--if-exists), and an unknown outcome is settled before its twin is sent.
 *
 * <p>When stopped, nothing more is sent: every line not sent is reported skipped, and what is in
 * flight is waited for (after Ctrl-C or SIGTERM for at most {@link #STOP_GRACE}, then reported as
 * having no answer yet, which the journal has as sent).
 */
public final class BulkCreate {
    /**
     * Lines in progress at once: being sent, or waiting out a Retry-After. Waiting lines must not keep
     * the pace from being kept: with 16, whole-second Retry-Afters at 100 a second left Graph idle for
     * most of a second after each overshoot (AdaptivePacerTest's simulation: 73% of the limit, 98% with 64).
     */
    public static final int LINES_AT_ONCE = 64;
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 100;

    private final ChatCreator creator;
    private final Journal journal;
    private final Stop stop;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration requestLimit;
    private final Duration resendAfter;

    /**
     * @param journal      null without --journal
     * @param sleeper      for the waits of the lines (an earlier run's time limit): one the stop ends
     * @param requestLimit the time limit of one create (--timeout)
     * @param resendAfter  how long Graph may still be at work on a send whose outcome is unknown (--resend-after)
     */
    public BulkCreate(ChatCreator creator, Journal journal, Stop stop, Clock clock, Sleeper sleeper, Duration requestLimit,
                      Duration resendAfter) {
        this.creator = creator;
        this.journal = journal;
        this.stop = stop;
        this.clock = clock;
        this.sleeper = sleeper;
        this.requestLimit = requestLimit;
        this.resendAfter = resendAfter;
    }

    /** Every line is told to the listener exactly once, whatever happens. */
    public void run(Iterable<InputLine> lines, BulkListener listener) {
        java.util.Set<String> claimed = ConcurrentHashMap.newKeySet();
        if (journal != null) {
            claimed.addAll(journal.createdChats());
        }
        LineJourney journey = new LineJourney(creator, journal, stop, clock, sleeper, requestLimit, resendAfter, claimed,
                listener);
        ExecutorService workers = Executors.newFixedThreadPool(LINES_AT_ONCE, runnable -> {
            Thread thread = new Thread(runnable, "chat-bulk");
            thread.setDaemon(true); // a line still in flight when the run ends does not hold the exit
            return thread;
        });
        Semaphore slots = new Semaphore(LINES_AT_ONCE);
        Map<String, CompletableFuture<Void>> lastOfSamePeople = new ConcurrentHashMap<>();
        Map<Integer, InputLine> inFlight = new ConcurrentHashMap<>();
        try {
            for (InputLine line : lines) {
                Journal.Entry earlier = journal == null ? null : journal.latest(line);
                if (earlier != null && earlier.done(line.message() != null)) {
                    listener.finished(LineOutcome.done(line, earlier.reused() ? LineOutcome.Status.EXISTING
                            : LineOutcome.Status.CREATED, earlier.chatId(), earlier.message(), false, true));
                    continue;
                }
                if (!takeSlot(slots)) {
                    listener.finished(LineOutcome.skipped(line, whyStopped()));
                    continue;
                }
                CompletableFuture<Void> mine = new CompletableFuture<>();
                String people = line.draft().type() == ChatType.GROUP ? people(line) : null;
                CompletableFuture<Void> before = people == null ? null : lastOfSamePeople.put(people, mine);
                inFlight.put(line.index(), line);
                workers.execute(() -> {
                    LineOutcome outcome;
                    try {
                        if (before != null) {
                            stop.interruptibly(() -> awaitTurn(before));
                        }
                        outcome = journey.run(line, earlier);
                    } catch (InterruptedException e) {
                        outcome = LineOutcome.skipped(line, whyStopped());
                    } catch (RuntimeException e) {
                        outcome = LineOutcome.failed(line, e, false, journal == null);
                    } finally {
                        mine.complete(null);
                        if (people != null) {
                            lastOfSamePeople.remove(people, mine);
                        }
                    }
                    if (inFlight.remove(line.index()) != null) {
                        listener.finished(outcome);
                    }
                    slots.release();
                });
            }
            awaitInFlight(slots);
            inFlight.keySet().stream().sorted().forEach(index -> {
                InputLine line = inFlight.remove(index);
                if (line != null) {
                    listener.finished(LineOutcome.failed(line, RunStoppedException.inFlight(
                            line.draft().type() == ChatType.GROUP, journal != null), true, false));
                }
            });
        } finally {
            workers.shutdown();
        }
    }

    private RuntimeException whyStopped() {
        RuntimeException cause = stop.cause();
        return cause != null ? cause : RunStoppedException.interrupted();
    }

    private static void awaitTurn(CompletableFuture<Void> before) throws InterruptedException {
        try {
            before.get();
        } catch (java.util.concurrent.ExecutionException e) {
            // the line before failed: its turn is over all the same
        }
    }

    /** A place among the lines in flight, or false once the run is stopping. */
    private boolean takeSlot(Semaphore slots) {
        try {
            stop.interruptibly(slots::acquire);
        } catch (InterruptedException e) {
            return false;
        }
        if (stop.requested()) {
            slots.release();
            return false;
        }
        return true;
    }

    /** Every line in flight done; after Ctrl-C or SIGTERM, no longer than the grace. */
    private void awaitInFlight(Semaphore slots) {
        while (true) {
            try {
                if (slots.tryAcquire(LINES_AT_ONCE, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    slots.release(LINES_AT_ONCE);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Instant stoppedAt = stop.requestedAt();
            if (stop.reason() == Stop.Reason.INTERRUPTED && clock.instant().isAfter(stoppedAt.plus(STOP_GRACE))) {
                return;
            }
        }
    }

    /** Who is in a group chat, whatever the order and letter case: lines of the same people take turns. */
    private static String people(InputLine line) {
        List<String> people = line.draft().members().stream().map(Member::user).map(user -> user.identity()).sorted()
                .toList();
        return String.join(" ", people);
    }
}
