package chat.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner can read (0600, in a 0700 directory), replaced whole so that a reader sees
 * the old content or the new, never half of either. None is opened through a symbolic link: one in
 * a file's place is refused (see {@link PrivateDirectory#checkFile}).
 */
public final class OwnerOnlyFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    public static void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.createDirectory(directory, ownerOnly(DIRECTORY));
        if (POSIX) {
            Files.setPosixFilePermissions(directory, DIRECTORY); // the umask may have taken some away
        }
    }

    public static void write(Path file, byte[] content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        createDirectories(directory);
        Path temporary = createTemporary(directory, "." + file.getFileName());
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A new file of a name no one had, owner-only from its first moment. */
    public static Path createTemporary(Path directory, String prefix) throws IOException {
        return Files.createTempFile(directory, prefix, ".tmp", ownerOnly(FILE));
    }

    /** The file's content; a link in its place is refused rather than read through. */
    public static byte[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return in.readAllBytes();
        } catch (IOException e) {
            PrivateDirectory.checkFile(file);
            throw e;
        }
    }

    /** Opens the file for writing, made owner-only if new; a link in its place is refused rather than followed. */
    public static FileChannel openForWriting(Path file) throws IOException {
        try {
            return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), ownerOnly(FILE));
        } catch (IOException e) {
            PrivateDirectory.checkFile(file);
            throw e;
        }
    }

    private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }
}
