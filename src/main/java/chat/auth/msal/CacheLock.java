package chat.auth.msal;

import chat.auth.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The token cache's lock: a file, owner-only and never a link, that one run at a time holds while it
 * reads and writes the cache, wherever the cache is kept, so that concurrent runs do not lose each
 * other's refreshes.
 */
final class CacheLock {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 25;

    private final Path file;
    private final ReentrantLock threads = new ReentrantLock();
    private FileChannel channel;
    private FileLock lock;

    CacheLock(Path file) {
        this.file = file;
    }

    /**
     * Waits a bounded time for other runs; past it, goes on unlocked: writes stay whole, and the worst
     * case is a refresh that another run's write replaces. A link in the lock's place is refused: opening
     * through it would create or change a file of someone else's choosing.
     */
    void hold() {
        threads.lock();
        try {
            OwnerOnlyFiles.createDirectories(file.getParent());
            channel = OwnerOnlyFiles.openForWriting(file);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (lock == null && System.nanoTime() < deadline) {
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // another run in this process holds it
                }
                if (lock == null) {
                    Thread.sleep(POLL_MILLIS);
                }
            }
        } catch (IOException e) {
            unlockFile(); // a read-only config directory: go on without the lock
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    void release() {
        unlockFile();
        if (threads.isHeldByCurrentThread()) {
            threads.unlock();
        }
    }

    private void unlockFile() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        } finally {
            lock = null;
            channel = null;
        }
    }
}
