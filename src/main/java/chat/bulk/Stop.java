package chat.bulk;

import chat.auth.AuthenticationException;
import chat.graph.Sleeper;
import chat.graph.TokenNotReceivedException;
import java.util.HashSet;
import java.util.Set;

/**
 * Why a bulk run stops sending, once asked: Ctrl-C or SIGTERM, a journal that can no longer be
 * written, a sign-in (or a token lost on the way to Graph) that every line would fail the same way, or
 * a stdout that takes no more results. The first reason given is the one.
 * The waits of a run (pacing, Retry-After, the turn of a line of the same people, an earlier run's
 * time limit) end when it comes; a request already sent is never cut off by it.
 */
public final class Stop {
    public enum Reason {
        /** Ctrl-C or SIGTERM. */
        INTERRUPTED,
        /** A record could not be written and forced to disk. */
        JOURNAL_FAILED,
        /** The sign-in failed: every line would fail the same way. */
        SIGN_IN_FAILED,
        /** Graph received a request without its token: every line's would arrive so. */
        TOKEN_NOT_RECEIVED,
        /** stdout would not take the results: a line made now would be told to no one but the journal. */
        OUTPUT_LOST
    }

    /** What a wait is; InterruptedException is how a stop ends it. */
    @FunctionalInterface
    public interface Wait {
        void run() throws InterruptedException;
    }

    /** A wait for an answer. */
    @FunctionalInterface
    public interface Answer<T> {
        T get() throws InterruptedException;
    }

    private final Set<Thread> waiting = new HashSet<>();
    private Reason reason;
    private RuntimeException cause;

    /**
     * @param cause what the lines left unsent are reported with
     * @return whether this was the first request to stop
     */
    public synchronized boolean request(Reason reason, RuntimeException cause) {
        if (this.reason != null) {
            return false;
        }
        this.reason = reason;
        this.cause = cause;
        waiting.forEach(Thread::interrupt);
        return true;
    }

    /** After a failed sign-in, or a token Graph never received, the lines after it would only fail the same way. */
    public void afterFailure(RuntimeException failure) {
        if (failure instanceof AuthenticationException) {
            request(Reason.SIGN_IN_FAILED, failure);
        } else if (failure instanceof TokenNotReceivedException) {
            request(Reason.TOKEN_NOT_RECEIVED, failure);
        }
    }

    public synchronized boolean requested() {
        return reason != null;
    }

    /** Null until a stop is requested. */
    public synchronized Reason reason() {
        return reason;
    }

    public synchronized RuntimeException cause() {
        return cause;
    }

    /**
     * Runs a wait that a stop ends with InterruptedException. The thread is interrupted only while it
     * is inside this wait, so that a request being sent on it is never cancelled by a stop.
     */
    public void interruptibly(Wait wait) throws InterruptedException {
        interruptiblyGet(() -> {
            wait.run();
            return null;
        });
    }

    /** As {@link #interruptibly(Wait)}, for a wait with an answer. */
    public <T> T interruptiblyGet(Answer<T> wait) throws InterruptedException {
        Thread me = Thread.currentThread();
        synchronized (this) {
            if (reason != null) {
                throw stopped();
            }
            waiting.add(me);
        }
        try {
            return wait.get();
        } finally {
            synchronized (this) {
                waiting.remove(me);
                if (reason != null) {
                    Thread.interrupted(); // the stop's interrupt was for the wait alone
                }
            }
        }
    }

    /** Sleeps that end at a stop, and after which nothing starts once one is requested. */
    public Sleeper sleeper(Sleeper delegate) {
        return duration -> {
            interruptibly(() -> delegate.sleep(duration));
            startIfGoing();
        };
    }

    /** After a wait: nothing starts once a stop is requested, even one that came as the wait ended. */
    void startIfGoing() throws InterruptedException {
        if (requested()) {
            throw stopped();
        }
    }

    /** What a line the stop left unsent or unfinished is told: the stop's cause, or Ctrl-C's. */
    RuntimeException whyStopped() {
        RuntimeException why = cause();
        return why != null ? why : RunStoppedException.interrupted();
    }

    private InterruptedException stopped() {
        return new InterruptedException("the run is stopping (" + reason.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
}
