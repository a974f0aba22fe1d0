package chat.bulk;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The requests waiting to start, called one at a time: only the one called sleeps until its start,
 * where each of the lines waiting would wake at every start to find it taken. A retry goes first (its
 * time limit is running), then the requests not yet sent, each kind in the order it asked. A stop
 * ends every wait.
 */
final class Turns {
    private record Waiter(boolean retry, long number, Condition called) {
    }

    private static final Comparator<Waiter> ORDER =
            Comparator.comparing((Waiter waiter) -> !waiter.retry()).thenComparingLong(Waiter::number);

    private final Stop stop;
    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(ORDER);
    private long asked;
    private boolean taken;

    Turns(Stop stop) {
        this.stop = stop;
    }

    /** Returns once it is the caller's turn, which is then its own until it passes it on. */
    void take(boolean retry) throws InterruptedException {
        lock.lock();
        try {
            Waiter me = new Waiter(retry, asked++, lock.newCondition());
            waiting.add(me);
            try {
                stop.interruptibly(() -> {
                    while (taken || waiting.peek() != me) {
                        me.called().await();
                    }
                });
            } finally {
                waiting.remove(me);
            }
            stop.startIfGoing();
            taken = true;
        } finally {
            callNext(); // the next, if the turn is free: this one was stopped
            lock.unlock();
        }
    }

    void pass() {
        lock.lock();
        try {
            taken = false;
            callNext();
        } finally {
            lock.unlock();
        }
    }

    private void callNext() {
        Waiter next = waiting.peek();
        if (!taken && next != null) {
            next.called().signal();
        }
    }
}
