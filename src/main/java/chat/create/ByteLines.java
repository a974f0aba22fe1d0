package chat.create;

import chat.errors.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
        CharBuffer out = CharBuffer.allocate(end - start);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new UsageException(String.format("not UTF-8 text: the byte 0x%02X at byte %d is not part of a "
                    + "UTF-8 character (save the file as UTF-8)", bytes[in.position()] & 0xff, in.position() + 1));
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
