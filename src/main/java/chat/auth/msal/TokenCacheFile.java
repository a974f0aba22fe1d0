package chat.auth.msal;

import chat.auth.OwnerOnlyFiles;
import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * MSAL's token cache in a file only its owner can read, as the Azure CLI keeps its own. Each access
 * holds a lock file, so concurrent runs do not lose each other's refreshes, and each write replaces
 * the file whole, so none can leave it half-written. Neither the cache nor its lock is opened
 * through a symbolic link.
 */
final class TokenCacheFile implements ITokenCacheAccessAspect {
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);
    private static final long LOCK_POLL_MILLIS = 25;

    private final Path file;
    private final Path lockFile;
    private final ReentrantLock threads = new ReentrantLock();
    private FileChannel lockChannel;
    private FileLock lock;

    TokenCacheFile(Path file) {
        this.file = file;
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
    }

    @Override
    public void beforeCacheAccess(ITokenCacheAccessContext context) {
        threads.lock();
        try {
            lockFile();
            String cache = new String(OwnerOnlyFiles.read(file), StandardCharsets.UTF_8);
            if (!cache.isBlank()) {
                try {
                    context.tokenCache().deserialize(cache);
                } catch (RuntimeException e) {
                    // not MSAL's JSON (a half-copied backup, a hand edit): as if empty; the next write mends it
                }
            }
        } catch (NoSuchFileException e) {
            // nobody has signed in yet
        } catch (IOException e) {
            releaseBoth();
            throw new UncheckedIOException("cannot read the token cache " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            releaseBoth(); // a link in the place of the cache or its lock, refused
            throw e;
        }
    }

    @Override
    public void afterCacheAccess(ITokenCacheAccessContext context) {
        try {
            if (context.hasCacheChanged()) {
                OwnerOnlyFiles.write(file, context.tokenCache().serialize().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token cache " + file + ": " + e.getMessage(), e);
        } finally {
            releaseBoth();
        }
    }

    private void releaseBoth() {
        unlockFile();
        if (threads.isHeldByCurrentThread()) {
            threads.unlock();
        }
    }

    /**
     * Waits a bounded time for other runs; past it, goes on unlocked: writes stay whole, and the
     * worst case is a refresh that another run's write replaces. A link in the lock's place is
     * refused: opening through it would create or change a file of someone else's choosing.
     */
    private void lockFile() {
        try {
            OwnerOnlyFiles.createDirectories(lockFile.getParent());
            lockChannel = OwnerOnlyFiles.openForWriting(lockFile);
            long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
            while (lock == null && System.nanoTime() < deadline) {
                try {
                    lock = lockChannel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // another instance in this process holds it
                }
                if (lock == null) {
                    Thread.sleep(LOCK_POLL_MILLIS);
                }
            }
        } catch (IOException e) {
            unlockFile(); // a read-only config directory: go on without the lock
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void unlockFile() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        } finally {
            lock = null;
            lockChannel = null;
        }
    }
}
