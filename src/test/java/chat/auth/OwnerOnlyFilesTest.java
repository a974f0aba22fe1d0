package chat.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.errors.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link that appears in a file's place after the directory was checked (only its owner could put
 * it there) is still not followed: the commands' tests never reach this, as the check refuses first.
 */
class OwnerOnlyFilesTest {
    @TempDir
    Path directory;

    @Test
    void neitherOpeningForWritingNorReadingGoesThroughALink() throws Exception {
        Path absent = directory.resolve("absent");
        Path present = Files.writeString(directory.resolve("present"), "theirs\n");
        for (Path target : new Path[] {absent, present}) {
            Path link = Files.createSymbolicLink(directory.resolve("link-to-" + target.getFileName()), target);

            UsageException writing = assertThrows(UsageException.class,
                    () -> OwnerOnlyFiles.openForWriting(link).close());
            UsageException reading = assertThrows(UsageException.class,
                    () -> OwnerOnlyFiles.read(link));

            assertTrue(writing.getMessage().startsWith(link + " is a symbolic link (to " + target + ")"),
                    writing::getMessage);
            assertEquals(writing.getMessage(), reading.getMessage());
        }
        assertFalse(Files.exists(absent));
        assertEquals("theirs\n", Files.readString(present));
    }
}
