package chat.bulk;

import chat.errors.UsageException;
import chat.text.Utf8;
import java.io.IOException;
import java.io.InputStream;

/**
 * Lines of bytes, '\n' ending each (the last may lack it), for input and journal alike. A line
 * longer than the caller's buffer is read only as far as it takes to tell, so that an input with no
 * line end (/dev/zero) ends too.
 */
final class ByteLines {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean ended;
    private boolean lastEnded = true;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** @return the line's length in {@code line}; more than its size when longer; -1 at the end */
    int next(byte[] line) throws IOException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == limit && (ended || !fill())) {
                lastEnded = false;
                return any ? length : -1;
            }
            any = true;
            byte b = buffer[position++];
            if (b == '\n') {
                lastEnded = true;
                return length;
            }
            if (length == line.length) {
                lastEnded = false;
                return length + 1;
            }
            line[length++] = b;
        }
    }

    /** Whether the line last returned ended with '\n': one without it was cut off, or is the input's last. */
    boolean lastEndedWithNewline() {
        return lastEnded;
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        if (read <= 0) {
            ended = true;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    /** Strict UTF-8, a trailing CR (of a Windows line end) left out; what is wrong says where. */
    static String utf8(byte[] bytes, int start, int length) {
        int end = length > start && bytes[length - 1] == '\r' ? length - 1 : length;
        try {
            return Utf8.strict(bytes, start, end);
        } catch (UsageException e) {
            throw new UsageException(e.getMessage() + " (save the file as UTF-8)");
        }
    }
}
