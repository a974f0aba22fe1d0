package chat.bulk;

import chat.create.ChatCreator;
import chat.graph.Daemon;
import chat.graph.Identity;
import chat.graph.Sleeper;
import chat.request.ChatType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * `chat create --from`: the lines of an input, up to {@value #LINES_AT_ONCE} at once (paced by Graph:
 * the pacer is in the creator's client), each taken through its {@link LineJourney} and its outcome
 * told to a listener. Lines are keyed a chunk at a time by their people as Graph knows them
 * ({@link LineKeys}); group lines of the same people, however named, go in input order, so that the
 * first makes the chat and the rest find it (--if-exists), and an unknown outcome is settled before
 * its twin is sent.
 *
 * <p>When stopped, nothing more is sent: every line not sent is reported skipped, and what is in
 * flight is waited for (after Ctrl-C or SIGTERM for at most {@link #STOP_GRACE}, then reported as
 * having no answer yet, which the journal has as sent).
 */
public final class BulkCreate {
    /**
     * Lines in progress at once: being sent, or waiting out a Retry-After. Waiting lines must not keep
     * the pace from being kept, so there are many more than a second's worth (bench/pacing.md).
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
    private final boolean comparesChats;

    /**
     * @param journal      {@link Journal#none()} without --journal
     * @param sleeper      for the waits of the lines (an earlier run's time limit): one the stop ends
     * @param requestLimit the time limit of one create (--timeout)
     * @param resendAfter  how long Graph may still be at work on a send whose outcome is unknown (--resend-after)
     * @param comparesChats whether lines are compared with the chats there are (--if-exists reuse or fail):
     *                     then, as with a journal, people are told by object id however they are named
     */
    public BulkCreate(ChatCreator creator, Journal journal, Stop stop, Clock clock, Sleeper sleeper, Duration requestLimit,
                      Duration resendAfter, boolean comparesChats) {
        this.creator = creator;
        this.journal = journal;
        this.stop = stop;
        this.clock = clock;
        this.sleeper = sleeper;
        this.requestLimit = requestLimit;
        this.resendAfter = resendAfter;
        this.comparesChats = comparesChats;
    }

    /** Every line is told to the listener exactly once, whatever happens. */
    public void run(Iterable<InputLine> lines, BulkListener listener) {
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        claimed.addAll(journal.createdChats());
        LineJourney journey = new LineJourney(creator, journal, stop, clock, sleeper, requestLimit, resendAfter, claimed,
                listener);
        LineKeys keys = new LineKeys(creator, journal.keeps() || comparesChats);
        Lines inProgress = new Lines(journey, listener);
        try {
            Iterator<InputLine> each = lines.iterator();
            Chunk next = Chunk.read(each, keys);
            while (!next.lines().isEmpty()) {
                Chunk current = next;
                next = Chunk.read(each, keys); // its people looked up while this chunk's lines are sent
                for (LineKeys.Keyed line : key(keys, current, listener)) {
                    inProgress.start(line);
                }
            }
            inProgress.finish();
        } finally {
            inProgress.workers.shutdown();
        }
    }

    /** Lines of the input, up to {@value #LINES_AT_ONCE}, and their people being looked up. */
    private record Chunk(List<InputLine> lines, CompletableFuture<List<Identity>> people) {
        static Chunk read(Iterator<InputLine> each, LineKeys keys) {
            List<InputLine> lines = new ArrayList<>(LINES_AT_ONCE);
            while (each.hasNext() && lines.size() < LINES_AT_ONCE) {
                lines.add(each.next());
            }
            return new Chunk(lines, lines.isEmpty() ? null : keys.lookUp(lines));
        }
    }

    /**
     * The chunk's lines keyed; where that cannot be done, each is told as not sent, and none is returned:
     * skipped when the run stopped, else failed (nothing was sent for them, so there is nothing to record).
     */
    private List<LineKeys.Keyed> key(LineKeys keys, Chunk chunk, BulkListener listener) {
        if (!stop.requested()) {
            try {
                return keys.key(chunk.lines(), stop.interruptiblyGet(() -> Daemon.await(chunk.people())));
            } catch (InterruptedException e) {
                // stopped while its people were looked up: told below as not sent
            } catch (RuntimeException e) {
                stop.afterFailure(e);
                chunk.lines().forEach(line -> listener.finished(LineOutcome.failed(line, e, false, true)));
                return List.of();
            }
        }
        chunk.lines().forEach(line -> listener.finished(LineOutcome.skipped(line, stop.whyStopped())));
        return List.of();
    }

    /**
     * The lines in progress: up to {@value #LINES_AT_ONCE} at once, each on a worker; group lines of
     * the same people one after another.
     */
    private final class Lines {
        private final LineJourney journey;
        private final BulkListener listener;
        private final ExecutorService workers = Executors.newFixedThreadPool(LINES_AT_ONCE, runnable -> {
            Thread thread = new Thread(runnable, "chat-bulk");
            thread.setDaemon(true); // a line still in flight when the run ends does not hold the exit
            return thread;
        });
        private final Semaphore slots = new Semaphore(LINES_AT_ONCE);
        private final Map<String, CompletableFuture<Void>> lastOfSamePeople = new ConcurrentHashMap<>();
        private final Map<Integer, InputLine> inFlight = new ConcurrentHashMap<>();

        Lines(LineJourney journey, BulkListener listener) {
            this.journey = journey;
            this.listener = listener;
        }

        /** A line done by an earlier run is told from the journal; any other is sent once it has a place. */
        void start(LineKeys.Keyed keyed) {
            InputLine line = keyed.line();
            Journal.Entry earlier = journal.latest(line);
            if (earlier != null && earlier.done(line.message() != null)) {
                listener.finished(LineOutcome.done(line, earlier.reused() ? LineOutcome.Status.EXISTING
                        : LineOutcome.Status.CREATED, earlier.chatId(), earlier.message(), false, true));
                return;
            }
            if (!takeSlot(slots)) {
                listener.finished(LineOutcome.skipped(line, stop.whyStopped()));
                return;
            }
            CompletableFuture<Void> mine = new CompletableFuture<>();
            String people = line.draft().type() == ChatType.GROUP ? keyed.people() : null;
            CompletableFuture<Void> before = people == null ? null : lastOfSamePeople.put(people, mine);
            inFlight.put(line.index(), line);
            workers.execute(() -> send(line, earlier, people, before, mine));
        }

        private void send(InputLine line, Journal.Entry earlier, String people, CompletableFuture<Void> before,
                          CompletableFuture<Void> mine) {
            LineOutcome outcome;
            try {
                if (before != null) {
                    stop.interruptibly(() -> awaitTurn(before));
                }
                outcome = journey.run(line, earlier);
            } catch (InterruptedException e) {
                outcome = LineOutcome.skipped(line, stop.whyStopped());
            } catch (RuntimeException e) {
                outcome = LineOutcome.failed(line, e, false, !journal.keeps());
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
        }

        /** Every line in flight waited for (after Ctrl-C or SIGTERM, within the grace); those still out told so. */
        void finish() {
            awaitInFlight(slots);
            inFlight.keySet().stream().sorted().forEach(index -> {
                InputLine line = inFlight.remove(index);
                if (line != null) {
                    listener.finished(LineOutcome.failed(line, RunStoppedException.inFlight(
                            line.draft().type() == ChatType.GROUP, journal.keeps()), true, false));
                }
            });
        }
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
        try {
            // Polled, so that a Ctrl-C or SIGTERM that comes meanwhile starts the grace, waited in real time.
            while (!slots.tryAcquire(LINES_AT_ONCE, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (stop.reason() == Stop.Reason.INTERRUPTED) {
                    if (slots.tryAcquire(LINES_AT_ONCE, STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                    return;
                }
            }
            slots.release(LINES_AT_ONCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
