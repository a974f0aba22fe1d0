package chat.auth.msal;

import chat.auth.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The token cache in a file only its owner can read, as the Azure CLI keeps its own: replaced whole
 * at each write, so that none can leave it half-written, and never opened through a symbolic link.
 */
final class OwnerOnlyCacheFile implements CacheStore {
    private final Path file;

    OwnerOnlyCacheFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    @Override
    public byte[] read() throws IOException {
        try {
            return OwnerOnlyFiles.read(file);
        } catch (NoSuchFileException e) {
            return new byte[0]; // nobody has signed in yet
        }
    }

    @Override
    public void write(byte[] cache) throws IOException {
        OwnerOnlyFiles.write(file, cache);
    }

    @Override
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public String description() {
        return file + " (a file only you can read)";
    }
}
