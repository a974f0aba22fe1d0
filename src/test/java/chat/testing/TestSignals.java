package chat.testing;

import chat.cli.Signals;
import java.util.ArrayDeque;
import java.util.Deque;

/** Ctrl-C on the test's word: {@link #send()} does what the process's first signal would. */
public final class TestSignals implements Signals {
    private final Deque<Runnable> actions = new ArrayDeque<>();
    private int sent;

    @Override
    public synchronized Registration onStop(Runnable action) {
        actions.push(action);
        return () -> {
            synchronized (TestSignals.this) {
                actions.remove(action);
            }
        };
    }

    /** As Ctrl-C: runs the innermost registration (an end at once is only counted: the test JVM stays). */
    public void send() {
        Runnable action;
        synchronized (this) {
            sent++;
            action = actions.peek();
        }
        if (action != null && action != END_AT_ONCE) {
            action.run();
        }
    }

    public synchronized int sent() {
        return sent;
    }
}
