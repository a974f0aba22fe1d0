package chat.graph;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Values fetched once a run for each key, shared by the threads that ask for one at the same time; a
 * fetch that fails is tried again by the next to ask.
 */
final class OnceARun<K, V> {
    @FunctionalInterface
    interface Fetch<V> {
        V fetch() throws InterruptedException;
    }

    private final Map<K, CompletableFuture<V>> values = new ConcurrentHashMap<>();

    /** The next to ask fetches it again: it has changed since. */
    void forget(K key) {
        values.remove(key);
    }

    V get(K key, Fetch<V> fetch) throws InterruptedException {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> value = values.putIfAbsent(key, mine);
        if (value == null) {
            try {
                mine.complete(fetch.fetch());
            } catch (RuntimeException | InterruptedException e) {
                values.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            value = mine;
        }
        try {
            return value.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }
}
