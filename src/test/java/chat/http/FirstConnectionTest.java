package chat.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FirstConnectionTest {
    private static final URI GRAPH = URI.create("https://graph.microsoft.com/v1.0/chats");
    private static final URI SIGN_IN = URI.create("https://login.microsoftonline.com/common/oauth2/v2.0/token");
    private static final Duration LONG = Duration.ofMinutes(1);

    @Test
    void theFirstRequestToAHostGoesAtOnceAndTheOthersWaitUntilItIsOnItsWay() throws Exception {
        FirstConnection connections = new FirstConnection();
        Runnable first = connections.await(GRAPH, LONG);
        Waiter second = new Waiter(connections, GRAPH);

        assertTrue(second.waitsInFirstConnection(), "the second request did not wait for the first");
        first.run();
        assertTrue(second.goesThrough(), "the second request still waits");
        Waiter third = new Waiter(connections, GRAPH);
        assertTrue(third.goesThrough(), "once the first is on its way, nobody waits");
    }

    @Test
    void anotherHostDoesNotWaitForGraphsFirstConnection() throws Exception {
        FirstConnection connections = new FirstConnection();
        connections.await(GRAPH, LONG);

        Waiter signIn = new Waiter(connections, SIGN_IN);
        assertTrue(signIn.goesThrough(), "the sign-in waited for Graph's connection");
    }

    @Test
    void aWaitEndsAtItsTimeLimitWhenTheFirstNeverGetsGoing() throws Exception {
        FirstConnection connections = new FirstConnection();
        connections.await(GRAPH, LONG);

        connections.await(GRAPH, Duration.ofMillis(1)).run(); // returns, and tells nothing
        Waiter next = new Waiter(connections, GRAPH);
        assertTrue(next.waitsInFirstConnection(), "a wait that timed out let the others through");
        next.thread.interrupt();
    }

    /** A request to {@code uri} on a thread of its own, waiting its turn to connect. */
    private static final class Waiter {
        final CountDownLatch through = new CountDownLatch(1);
        final Thread thread;

        Waiter(FirstConnection connections, URI uri) {
            thread = new Thread(() -> {
                try {
                    connections.await(uri, LONG);
                    through.countDown();
                } catch (InterruptedException e) {
                    // stopped by the test
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        /** Through FirstConnection within a minute: an event, the minute only a bound. */
        boolean goesThrough() throws InterruptedException {
            return through.await(1, TimeUnit.MINUTES);
        }

        /** Parked in FirstConnection (true), or through it (false): whichever happens first. */
        boolean waitsInFirstConnection() {
            while (through.getCount() > 0) {
                if (thread.getState() == Thread.State.TIMED_WAITING && Arrays.stream(thread.getStackTrace())
                        .anyMatch(frame -> frame.getClassName().equals(FirstConnection.class.getName()))) {
                    return true;
                }
                Thread.onSpinWait();
            }
            return false;
        }
    }
}
