package chat.text;

import chat.errors.UsageException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Bytes that must be UTF-8 text, whether a file's line or a command-line word: decoded strictly. */
public final class Utf8 {
    private Utf8() {
    }

    /** @throws UsageException naming the first byte that is not part of a UTF-8 character, and where */
    public static String strict(byte[] bytes, int start, int end) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
        CharBuffer out = CharBuffer.allocate(end - start);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new UsageException(String.format("not UTF-8 text: the byte 0x%02X at byte %d is not part of a "
                    + "UTF-8 character", bytes[in.position()] & 0xff, in.position() + 1));
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
