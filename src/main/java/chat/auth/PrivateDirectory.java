package chat.auth;

import chat.errors.UsageException;
import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The config directory and the files chat keeps in it are the user's alone, held to OpenSSH's rule for
 * ~/.ssh and its keys: owned by the user, writable by no one else, and no file a symbolic link, so that
 * no one else can plant a sign-in there or point chat's reads and writes elsewhere. The directory may
 * itself be a link (its target is what is checked); its parents are not checked, as a directory under
 * /tmp must stay usable. Where the file system has no owners and modes, only the links are refused.
 */
public final class PrivateDirectory {
    private static final Set<PosixFilePermission> OTHERS_WRITE =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private PrivateDirectory() {
    }

    /** Refuses the directory, if there is one, when it is not a directory or another user could change it. */
    public static void check(Path directory) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(directory, BasicFileAttributes.class);
            if (!attributes.isDirectory()) {
                throw new UsageException(directory + " is not a directory: set " + ConfigDirectory.VARIABLE
                        + " to one of your own");
            }
            if (!posix(directory)) {
                return;
            }
            PosixFileAttributes posix = Files.readAttributes(directory, PosixFileAttributes.class);
            if (!ownedByUser(directory)) {
                throw new UsageException(directory + " is owned by " + posix.owner().getName()
                        + ", not by you: chown it to yourself (or set " + ConfigDirectory.VARIABLE + ")");
            }
            if (writableByOthers(posix)) {
                throw new UsageException(directory + " is writable by others: chmod 700 " + directory
                        + " (or set " + ConfigDirectory.VARIABLE + ")");
            }
        } catch (NoSuchFileException e) {
            // made owner-only when first needed
        } catch (IOException e) {
            throw new UsageException("cannot use " + directory + ": " + reason(e, directory) + ": set "
                    + ConfigDirectory.VARIABLE + " to a directory of your own");
        }
    }

    /**
     * Refuses the file, if there is one, when it is a link, not a plain file, or another user owns it
     * or may write it. For the files chat writes itself, always 0600.
     */
    public static void checkFile(Path file) {
        checkFile(file, true);
    }

    /**
     * As {@link #checkFile}, whatever the file's mode: for lock files, which hold nothing, and for what
     * the platform's secret-store library writes with the umask's mode. The directory keeps others out.
     */
    public static void checkLinkAndOwner(Path file) {
        checkFile(file, false);
    }

    private static void checkFile(Path file, boolean mode) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                throw new UsageException(file + " is a symbolic link (to " + Files.readSymbolicLink(file)
                        + "), which chat does not follow: remove it, and what it points to if that holds your tokens");
            }
            if (!attributes.isRegularFile()) {
                throw new UsageException(file + " is not a plain file: remove it (chat writes its own)");
            }
            if (!posix(file)) {
                return;
            }
            PosixFileAttributes posix = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!ownedByUser(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new UsageException(file + " is owned by " + posix.owner().getName()
                        + ", not by you: remove it (chat writes its own)");
            }
            if (mode && writableByOthers(posix)) {
                throw new UsageException(file + " is writable by others: chmod 600 " + file);
            }
        } catch (NoSuchFileException e) {
            // nothing there yet
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Before a person signs in, so that a directory unable to keep the sign-in fails at once rather
     * than after they have entered the code: it exists (made owner-only if new), is theirs alone, and
     * takes new files.
     */
    public static void prepare(Path directory) {
        try {
            OwnerOnlyFiles.createDirectories(directory);
        } catch (IOException e) {
            throw new UsageException("cannot create " + directory + ": " + reason(e, directory) + ": set "
                    + ConfigDirectory.VARIABLE + " to a directory of your own");
        }
        check(directory);
        try {
            Files.delete(OwnerOnlyFiles.createTemporary(directory, ".chat"));
        } catch (IOException e) {
            throw new UsageException("cannot write in " + directory + ": " + reason(e, directory)
                    + ": chmod 700 " + directory + " (or set " + ConfigDirectory.VARIABLE + ")");
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** By user id: a name need not exist for the user a container runs as. */
    private static boolean ownedByUser(Path path, LinkOption... options) throws IOException {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return true; // no user ids to compare
        }
        long owner = ((Number) Files.getAttribute(path, "unix:uid", options)).longValue();
        return owner == new UnixSystem().getUid();
    }

    private static boolean writableByOthers(PosixFileAttributes attributes) {
        return attributes.permissions().stream().anyMatch(OTHERS_WRITE::contains);
    }

    private static String reason(IOException e, Path directory) {
        if (e instanceof AccessDeniedException denied) {
            Path file = Path.of(denied.getFile());
            return file.equals(directory) || directory.equals(file.getParent()) ? "permission denied"
                    : "permission denied on " + file;
        }
        if (e instanceof FileAlreadyExistsException exists) {
            Path file = Path.of(exists.getFile());
            try {
                if (Files.isSymbolicLink(file)) {
                    return file + " is a link to " + Files.readSymbolicLink(file) + ", which does not exist";
                }
            } catch (IOException unreadable) {
                // said as for any file in the way
            }
            return file + " is in the way, and not a directory";
        }
        if (e instanceof FileSystemException files && files.getReason() != null) {
            return files.getReason();
        }
        return e.getMessage();
    }
}
