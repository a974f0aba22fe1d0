package chat.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The words as typed: read again from the process's own bytes where the JVM's decoding lost them. */
class ProcessArgumentsTest {
    private static final byte[] CAFE = {'c', 'a', 'f', (byte) 0xC3, (byte) 0xA9};
    private static final byte[] NOT_TEXT = {'a', (byte) 0xFF, (byte) 0xFE, 'b'};

    /** What /proc/self/cmdline holds: each word ended by a NUL, the runtime's own first. */
    private static byte[] commandLine(byte[]... words) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] word : words) {
            bytes.writeBytes(word);
            bytes.write(0);
        }
        return bytes.toByteArray();
    }

    private static byte[] ascii(String word) {
        return word.getBytes(StandardCharsets.US_ASCII);
    }

    private static final byte[][] RUNTIME = {ascii("/usr/bin/java"), ascii("-jar"), ascii("chat.jar")};

    private static byte[] withRuntime(byte[]... words) {
        byte[][] all = new byte[RUNTIME.length + words.length][];
        System.arraycopy(RUNTIME, 0, all, 0, RUNTIME.length);
        System.arraycopy(words, 0, all, RUNTIME.length, words.length);
        return commandLine(all);
    }

    static Stream<Arguments> words() {
        return Stream.of(
                Arguments.of("UTF-8 decoded as ASCII is read as typed",
                        new String[] {"create", "--topic", "caf\uFFFD\uFFFD"},
                        withRuntime(ascii("create"), ascii("--topic"), CAFE),
                        new String[] {"create", "--topic", "café"}, null),
                Arguments.of("an empty word keeps the others in their places",
                        new String[] {"create", "", "--topic", "caf\uFFFD\uFFFD"},
                        withRuntime(ascii("create"), new byte[0], ascii("--topic"), CAFE),
                        new String[] {"create", "", "--topic", "café"}, null),
                Arguments.of("bytes that are no text are refused, the option named",
                        new String[] {"create", "--topic", "a\uFFFD\uFFFDb"},
                        withRuntime(ascii("create"), ascii("--topic"), NOT_TEXT), null,
                        "--topic: not UTF-8 text: the byte 0xFF at byte 2 is not part of a UTF-8 character"),
                Arguments.of("an option's value after =",
                        new String[] {"create", "--topic=a\uFFFD\uFFFDb"},
                        withRuntime(ascii("create"), concat(ascii("--topic="), NOT_TEXT)), null,
                        "--topic: not UTF-8 text: the byte 0xFF at byte 10 is not part of a UTF-8 character"),
                Arguments.of("a word no option names, by its place",
                        new String[] {"a\uFFFD\uFFFDb"}, withRuntime(NOT_TEXT), null,
                        "argument 1: not UTF-8 text: the byte 0xFF at byte 2 is not part of a UTF-8 character"),
                Arguments.of("bytes that are not these words are not read",
                        new String[] {"create", "--topic", "caf\uFFFD\uFFFD"},
                        withRuntime(ascii("status"), ascii("--topic"), CAFE), null,
                        "--topic holds bytes that are not text in this locale's character set: set a UTF-8 locale "
                                + "(LC_ALL=C.UTF-8)"),
                Arguments.of("where the system does not show them",
                        new String[] {"--topic", "caf\uFFFD\uFFFD"}, null, null,
                        "--topic holds bytes that are not text in this locale's character set: set a UTF-8 locale "
                                + "(LC_ALL=C.UTF-8)"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("words")
    void readAgainFromTheirBytes(String name, String[] args, byte[] commandLine, String[] expected, String problem) {
        ProcessArguments.Read read = ProcessArguments.read(args, () -> commandLine);

        assertEquals(problem, read.problem());
        if (expected != null) {
            assertArrayEquals(expected, read.args());
        }
    }

    @org.junit.jupiter.api.Test
    void wordsTheRuntimeDecodedWholeAreTakenWithoutReadingAnything() {
        String[] args = {"create", "--topic", "café"};
        ProcessArguments.Read read = ProcessArguments.read(args, () -> {
            throw new AssertionError("read the process's arguments");
        });

        assertArrayEquals(args, read.args());
        assertNull(read.problem());
    }
}
