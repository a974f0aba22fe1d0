package chat.graph;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Work done beside the thread that needs it, on a daemon thread of its own (which never holds the
 * JVM's exit), and its answer awaited as if it had been done in place: what it threw is thrown.
 */
public final class Daemon {
    @FunctionalInterface
    public interface Task<T> {
        T call() throws InterruptedException;
    }

    private Daemon() {
    }

    public static <T> CompletableFuture<T> start(String name, Task<T> task) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                answer.complete(task.call());
            } catch (RuntimeException | InterruptedException e) {
                answer.completeExceptionally(e);
            } catch (Error e) {
                answer.completeExceptionally(e);
                throw e;
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return answer;
    }

    /** The answer, or what the task threw. */
    public static <T> T await(CompletableFuture<T> answer) throws InterruptedException {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause() : e.getCause();
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }
}
