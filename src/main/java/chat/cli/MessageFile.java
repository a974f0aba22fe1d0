package chat.cli;

import chat.errors.UsageException;
import chat.request.ChatMessage;
import chat.text.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** --message-file: the message's text from a file or stdin, strictly UTF-8, and never more than a message can be. */
final class MessageFile {
    private MessageFile() {
    }

    static String read(String name, CliContext context) {
        byte[] bytes;
        try (InputStream in = open(name, context)) {
            // one byte more than a message may be is enough to know it is too long
            bytes = in.readNBytes(ChatMessage.MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new UsageException("--message-file " + name + ": no such file");
        } catch (IOException e) {
            throw new UsageException("--message-file " + name + ": " + e.getMessage());
        }
        if (bytes.length > ChatMessage.MAX_BYTES) {
            throw new UsageException("--message-file " + name + " holds more than " + ChatMessage.MAX_BYTES
                    + " bytes: Teams takes a message of about 28 KB, HTML included");
        }
        try {
            return Utf8.strict(bytes, 0, bytes.length);
        } catch (UsageException e) {
            throw new UsageException("--message-file " + name + " is not UTF-8 text");
        }
    }

    private static InputStream open(String name, CliContext context) throws IOException {
        if (name.equals("-")) {
            return context.stdin("--message-file", "the message");
        }
        Path file = Path.of(name);
        if (Files.isDirectory(file)) {
            throw new UsageException("--message-file " + name + " is a directory: give a file of text");
        }
        return Files.newInputStream(file);
    }
}
