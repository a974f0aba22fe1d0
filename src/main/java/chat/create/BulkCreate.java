package chat.create;

import chat.auth.AuthenticationException;
import chat.graph.ExistingGroupChats;
import chat.output.ErrorReport;
import chat.output.ExitCodes;
import chat.output.Failure;
import chat.request.ChatRequest;
import chat.request.ChatType;
import chat.request.Member;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * `chat create --from`: many chats, sent concurrently and paced by Graph (the pacer is in the
 * creator's client), each line's outcome recorded in the journal as it is known and printed as a
 * JSON line on stdout, in input order. Stops cleanly when asked (Ctrl-C): nothing new is sent, what is
 * in flight is finished and recorded.
 */
public final class BulkCreate {
    public static final int MAX_IN_FLIGHT = 16;

    /** The outcome of one line. */
    enum Status { CREATED, EXISTING, FAILED }

    private record LineResult(int line, String id, Status status, ErrorReport error) {
    }

    private final ChatCreator creator;
    private final Journal journal;
    private final IfExists ifExists;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Progress progress;
    private final Clock clock;
    private final ObjectMapper json;
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** For each set of people (and topic), the last line of it dispatched: the next such line waits for it. */
    private final Map<String, CompletableFuture<Void>> lastOfSamePeople = new HashMap<>();
    private volatile ErrorReport signInFailure;

    private LineResult[] results;
    private int nextToPrint;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger existing = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger sentThisRun = new AtomicInteger();

    /**
     * @param journal  null without --journal
     * @param progress whether to draw progress on stderr (a terminal)
     */
    public BulkCreate(ChatCreator creator, Journal journal, IfExists ifExists, PrintWriter out, PrintWriter err,
                      boolean progress, Clock clock, ObjectMapper json) {
        this.creator = creator;
        this.journal = journal;
        this.ifExists = ifExists;
        this.out = out;
        this.err = err;
        this.progress = progress ? new Progress(err, clock) : null;
        this.clock = clock;
        this.json = json;
    }

    /** From a signal: send nothing more; what is in flight finishes and is recorded. */
    public void stop() {
        stopped.set(true);
    }

    /** @return the exit code: 0, the worst line's, or 130 when stopped */
    public int run(List<InputLine> lines) throws InterruptedException {
        Instant start = clock.instant();
        results = new LineResult[lines.size()];
        ExecutorService workers = Executors.newFixedThreadPool(MAX_IN_FLIGHT, runnable -> {
            Thread thread = new Thread(runnable, "chat-bulk");
            thread.setDaemon(true);
            return thread;
        });
        Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
        try {
            for (int index = 0; index < lines.size(); index++) {
                InputLine line = lines.get(index);
                Journal.Entry earlier = journal == null ? null : journal.earlier(line);
                if (earlier != null && (earlier.state() == Journal.State.CREATED || earlier.state() == Journal.State.EXISTING)) {
                    complete(index, lines.size(), new LineResult(line.number(), earlier.id(),
                            earlier.state() == Journal.State.CREATED ? Status.CREATED : Status.EXISTING, null));
                    continue;
                }
                if (stopped.get()) {
                    if (signInFailure != null) {
                        complete(index, lines.size(), new LineResult(line.number(), null, Status.FAILED, signInFailure));
                    }
                    continue;
                }
                slots.acquire();
                int position = index;
                // With --if-exists, lines of the same people go in input order, so the later ones find
                // the first one's chat; without it each makes its own, as asked.
                CompletableFuture<Void> before = null;
                CompletableFuture<Void> mine = new CompletableFuture<>();
                if (line.request().type() == ChatType.GROUP && ifExists != IfExists.CREATE) {
                    before = lastOfSamePeople.put(people(line.request()), mine);
                }
                CompletableFuture<Void> previous = before;
                workers.execute(() -> {
                    try {
                        if (previous != null) {
                            previous.join();
                        }
                        complete(position, lines.size(), process(line, earlier));
                    } finally {
                        mine.complete(null);
                        slots.release();
                    }
                });
            }
            slots.acquire(MAX_IN_FLIGHT);
        } finally {
            workers.shutdown();
        }
        flushAll();
        if (progress != null) {
            progress.clear();
        }
        return summarize(lines.size(), Duration.between(start, clock.instant()));
    }

    private LineResult process(InputLine line, Journal.Entry earlier) {
        ChatRequest request = line.request();
        boolean group = request.type() == ChatType.GROUP;
        // An earlier run sent this and never learnt what came of it: look, never send it blind.
        boolean unsettled = group && earlier != null && (earlier.state() == Journal.State.SENDING
                || (earlier.state() == Journal.State.FAILED && earlier.mayHaveCreated()));
        try {
            if (unsettled) {
                Optional<ExistingGroupChats.Found> found = creator.findExisting(request, true);
                if (found.isPresent()) {
                    return record(line, Status.CREATED, found.get().chat().id());
                }
                unsettled = false;
            }
            return send(line, group);
        } catch (RuntimeException | InterruptedException e) {
            ErrorReport report = Failure.describe(e);
            if (unsettled) {
                // The look failed: the chat may still exist, and a later run must look again before sending.
                report = new ErrorReport(report.exitCode(), report.message() + "; an earlier run sent this chat and "
                        + "may have created it: it will be looked for again, not sent blind", report.status(),
                        report.code(), report.requestId(), report.clientRequestId(), true, report.existingChatId());
            }
            if (journal != null) {
                journal.done(line, Journal.State.FAILED, null, report.exitCode(), Boolean.TRUE.equals(report.mayHaveCreated()));
            }
            if (e instanceof AuthenticationException) {
                signInFailure = report; // every line would fail the same way: stop sending
                stop();
            }
            return new LineResult(line.number(), report.existingChatId(), Status.FAILED, report);
        }
    }

    private LineResult send(InputLine line, boolean group) throws InterruptedException {
        if (group && journal != null) {
            journal.sending(line);
        }
        sentThisRun.incrementAndGet();
        ChatCreator.Outcome outcome = creator.create(line.request());
        return record(line, outcome.existing() ? Status.EXISTING : Status.CREATED, outcome.chat().id());
    }

    private LineResult record(InputLine line, Status status, String id) {
        if (journal != null) {
            journal.done(line, status == Status.EXISTING ? Journal.State.EXISTING : Journal.State.CREATED, id, 0, false);
        }
        return new LineResult(line.number(), id, status, null);
    }

    private static String people(ChatRequest request) {
        List<String> people = request.members().stream().map(Member::user).map(user -> user.identity()).sorted().toList();
        return request.topic() + "|" + people;
    }

    /** Results go out in input order: each as soon as those before it have. */
    private synchronized void complete(int index, int total, LineResult result) {
        results[index] = result;
        (switch (result.status()) {
            case CREATED -> created;
            case EXISTING -> existing;
            case FAILED -> failed;
        }).incrementAndGet();
        while (nextToPrint < results.length && results[nextToPrint] != null) {
            print(results[nextToPrint++]);
        }
        if (progress != null) {
            progress.update(done(), total, created.get(), existing.get(), failed.get(), sentThisRun.get());
        }
    }

    /** After a stop, what finished beyond a line never sent. */
    private synchronized void flushAll() {
        for (; nextToPrint < results.length; nextToPrint++) {
            if (results[nextToPrint] != null) {
                print(results[nextToPrint]);
            }
        }
        out.flush();
    }

    private void print(LineResult result) {
        ObjectNode line = json.createObjectNode();
        line.put("line", result.line());
        if (result.id() != null) {
            line.put("id", result.id());
        }
        line.put("status", result.status().name().toLowerCase(Locale.ROOT));
        if (result.error() != null) {
            line.set("error", result.error().toNode(json));
        }
        out.println(line);
        out.flush();
    }

    private int done() {
        int count = 0;
        for (LineResult result : results) {
            count += result == null ? 0 : 1;
        }
        return count;
    }

    private int summarize(int total, Duration elapsed) {
        int worst = ExitCodes.OK;
        for (LineResult result : results) {
            if (result != null && result.error() != null) {
                worst = ExitCodes.worst(worst, result.error().exitCode());
            }
        }
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        String counts = String.format(Locale.ROOT, "%d created, %d existing, %d failed, in %.1f s (%.1f a second)",
                created.get(), existing.get(), failed.get(), seconds, sentThisRun.get() / seconds);
        boolean interrupted = stopped.get() && signInFailure == null;
        if (interrupted) {
            err.println("chat: stopped: " + done() + " of " + total + " chats done (" + counts + "); "
                    + (journal != null ? "the same command with the same --journal goes on from there"
                    : "without --journal, running it again starts over"));
        } else {
            err.println("chat: " + total + " chats: " + counts + (worst == ExitCodes.OK ? "" : "; exit " + worst
                    + " (the worst line's)"));
        }
        err.flush();
        return interrupted ? ExitCodes.INTERRUPTED : worst;
    }
}
