package chat.output;

import chat.bulk.BulkListener;
import chat.bulk.LineOutcome;
import chat.bulk.Stop;
import chat.create.NotAllAddedException;
import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.Failure;
import chat.graph.PostedMessage;
import chat.http.DurationText;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What a bulk run tells: one JSON line a chat on stdout, in input order, each as soon as those
 * before it are known ({@code {"line": 3, "id": "19:…", "status": "created"}}, or "existing",
 * "failed" or "skipped" with an "error"; a line's message, posted, adds {@code "postedMessage": {"id",
 * "createdDateTime"}}, and a chat whose message failed is "failed" with its id and the error); notes and, on a terminal, a progress bar on stderr; at the
 * end a summary line and the exit code: the worst line's, 130 after Ctrl-C or SIGTERM.
 */
public final class BulkReport implements BulkListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Progress progress;
    private final Supplier<Optional<Instant>> resumesAt;
    private final ScheduledExecutorService ticker;
    private final ObjectMapper json;
    private final Clock clock;
    private final Instant start;
    private final int total;
    private final Path journal;
    private final TreeMap<Integer, LineOutcome> waitingForEarlier = new TreeMap<>();
    private final List<Integer> unrecorded = new ArrayList<>();
    /** Every chat the run made or found, "line 3: 19:… (created)": said on stderr if stdout loses them. */
    private final List<String> chats = new ArrayList<>();
    private final Runnable outputLost;
    private boolean lost;
    private int nextToPrint;
    private int created;
    private int existing;
    private int failed;
    private int skipped;
    private int sent;
    private int worst = ExitCodes.OK;

    /**
     * @param progress  whether to draw a progress line (stderr is a terminal)
     * @param resumesAt when a long Retry-After being waited out ends, if one is: the progress line says
     *                  so, redrawn each second, rather than freeze
     * @param total     the chats of the input
     * @param journal   the --journal file, or null
     * @param outputLost told once when stdout stops taking results: the run should take no more lines
     */
    public BulkReport(PrintWriter out, PrintWriter err, boolean progress, Supplier<Optional<Instant>> resumesAt,
                      Clock clock, ObjectMapper json, int total, Path journal, Runnable outputLost) {
        this.out = out;
        this.outputLost = outputLost;
        this.err = err;
        this.progress = progress ? new Progress(err, clock) : null;
        this.resumesAt = resumesAt;
        this.json = json;
        this.clock = clock;
        this.start = clock.instant();
        this.total = total;
        this.journal = journal;
        this.ticker = progress ? ticker() : null;
    }

    private ScheduledExecutorService ticker() {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "chat-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
        return ticker;
    }

    private synchronized void redraw() {
        progress.update(done(), total, created, existing, failed + skipped, sent, resumesAt.get());
    }

    @Override
    public synchronized void finished(LineOutcome outcome) {
        switch (outcome.status()) {
            case CREATED -> created++;
            case EXISTING -> existing++;
            case FAILED -> failed++;
            case SKIPPED -> skipped++;
        }
        sent += outcome.sent() ? 1 : 0;
        if (!outcome.recorded()) {
            unrecorded.add(outcome.number());
        }
        ErrorReport error = outcome.failure() == null ? null : Failure.describe(outcome.failure());
        if (error != null) {
            worst = ExitCodes.worst(worst, error.exitCode());
        }
        if (outcome.chatId() != null) {
            chats.add("line " + outcome.number() + ": " + outcome.chatId() + " ("
                    + outcome.status().name().toLowerCase(Locale.ROOT) + ")");
        }
        waitingForEarlier.put(outcome.index(), outcome);
        while (!waitingForEarlier.isEmpty() && waitingForEarlier.firstKey() == nextToPrint) {
            print(waitingForEarlier.pollFirstEntry().getValue());
            nextToPrint++;
        }
        if (progress != null) {
            redraw();
        }
    }

    /** Ctrl-C or SIGTERM came: said at once, as the run may take the grace to end. */
    public synchronized void stopping(Duration grace) {
        clearProgress();
        err.println("chat: stopping: nothing more is sent; what is in flight gets up to " + DurationText.seconds(grace)
                + " to answer (a second Ctrl-C or SIGTERM stops at once)");
        err.flush();
        if (progress != null) {
            redraw();
        }
    }

    @Override
    public synchronized void note(int lineNumber, String text) {
        clearProgress();
        err.println("chat: line " + lineNumber + ": " + OneLine.of(text));
        err.flush();
    }

    /** A line's result, what is not known left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record ResultLine(int line, String id, String status, PostedMessage postedMessage, List<String> notAdded,
                              ErrorReport error) {
    }

    private void clearProgress() {
        if (progress != null) {
            progress.clear();
        }
    }

    private void print(LineOutcome outcome) {
        out.println(json.<JsonNode>valueToTree(new ResultLine(outcome.number(), outcome.chatId(),
                outcome.status().name().toLowerCase(Locale.ROOT), outcome.posted(),
                outcome.failure() instanceof NotAllAddedException notAll ? notAll.names() : null,
                outcome.failure() == null ? null : Failure.describe(outcome.failure()))));
        if (!lost && out.checkError()) {
            lost = true;
            outputLost.run();
        }
    }

    private int done() {
        return created + existing + failed;
    }

    /**
     * The summary on stderr.
     *
     * @param stopped why the run stopped sending, or null when it went to its end
     * @return the exit code
     */
    public synchronized int summarize(Stop.Reason stopped, RuntimeException why) {
        if (progress != null) {
            ticker.shutdownNow();
            progress.clear();
        }
        double seconds = Math.max(0.001, Duration.between(start, clock.instant()).toMillis() / 1000.0);
        String counts = String.format(Locale.ROOT, "%d created, %d existing, %d failed%s, in %.1f s (%.1f a second)",
                created, existing, failed, skipped == 0 ? "" : ", " + skipped + " skipped", seconds, sent / seconds);
        int exit = worst;
        if (stopped == Stop.Reason.INTERRUPTED) {
            exit = ExitCodes.INTERRUPTED;
            err.println("chat: stopped: " + done() + " of " + total + " chats done (" + counts + "); "
                    + (journal != null ? "the same command with the same --journal goes on from there"
                    : "without --journal, running it again starts over"));
        } else {
            if (lost) {
                exit = ExitCodes.worst(exit, ExitCodes.UNAVAILABLE);
                lostResults();
            }
            if (stopped == Stop.Reason.JOURNAL_FAILED) {
                exit = ExitCodes.worst(exit, ExitCodes.UNAVAILABLE);
                err.println("chat: stopped sending: " + OneLine.of(why.getMessage()) + "; " + lines(unrecorded)
                        + " no record in it: the same command with the same --journal, once it can be written, goes "
                        + "on from there and makes no chat twice");
            }
            err.println("chat: " + total + " chats: " + counts + (exit == ExitCodes.OK ? "" : "; exit " + exit
                    + " (the worst line's)"));
        }
        err.flush();
        return exit;
    }

    /** What stdout did not take: every chat made or found, as no result line may have reached its reader. */
    private void lostResults() {
        err.println("chat: the results could not be written: stdout would not take them (closed, full, or a pipe nobody "
                + "reads), so the run stopped taking lines" + (journal == null ? "" : "; the journal " + journal
                + " has what became of each") + "; the chats made or found:");
        chats.forEach(chat -> err.println("chat: " + chat));
    }

    /** "line 7 has", "lines 3-5, 9 have". */
    static String lines(List<Integer> numbers) {
        List<Integer> sorted = numbers.stream().sorted().toList();
        StringBuilder text = new StringBuilder(sorted.size() == 1 ? "line " : "lines ");
        for (int i = 0; i < sorted.size(); i++) {
            int first = sorted.get(i);
            int last = first;
            while (i + 1 < sorted.size() && sorted.get(i + 1) <= last + 1) {
                last = sorted.get(++i);
            }
            if (text.charAt(text.length() - 1) != ' ') {
                text.append(", ");
            }
            text.append(first == last ? String.valueOf(first) : first + "-" + last);
        }
        return text + (sorted.size() == 1 ? " has" : " have");
    }
}
