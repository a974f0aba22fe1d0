package chat.cli;

import chat.errors.ExitCodes;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * The process's own Ctrl-C and SIGTERM, in place of the JVM's (which would start the exit at once,
 * and then ignore a second Ctrl-C). A run asked to stop that has not ended after {@link #BOUND} is
 * ended all the same: nothing waits on a stuck read.
 */
final class ProcessSignals implements Signals {
    /** Longer than a bulk run takes to finish what is in flight and sum up. */
    static final Duration BOUND = Duration.ofSeconds(15);

    private final PrintWriter err;
    private final Deque<Runnable> actions = new ArrayDeque<>();
    private int received;

    ProcessSignals(PrintWriter err) {
        this.err = err;
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> received());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // the JVM keeps its own handling of this signal
            }
        }
    }

    @Override
    public synchronized Registration onStop(Runnable action) {
        actions.push(action);
        return () -> {
            synchronized (ProcessSignals.this) {
                actions.remove(action);
            }
        };
    }

    private void received() {
        Runnable action;
        synchronized (this) {
            received++;
            action = received == 1 ? actions.peek() : null;
        }
        if (action == null || action == END_AT_ONCE) {
            halt(received > 1 ? "chat: stopped at once" : "chat: interrupted");
            return;
        }
        action.run();
        // on the JDK's own daemon thread, which holds nothing up when the run ends in time
        CompletableFuture.delayedExecutor(BOUND.toMillis(), TimeUnit.MILLISECONDS, Runnable::run).execute(() ->
                halt("chat: still not stopped after " + BOUND.toSeconds() + " s: stopped at once"));
    }

    private void halt(String message) {
        err.println(message);
        err.flush();
        Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
    }
}
