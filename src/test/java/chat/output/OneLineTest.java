package chat.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What is printed from input or from an answer cannot break the line or turn the text around. */
class OneLineTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("a line break", "a\nb", "a\\nb"),
                Arguments.of("an escape sequence", "a\u001b[31mb", "a\\x1b[31mb"),
                Arguments.of("a C1 next-line", "a\u0085b", "a\\x85b"),
                Arguments.of("a line separator", "a\u2028b", "a\\u2028b"),
                Arguments.of("a paragraph separator", "a\u2029b", "a\\u2029b"),
                Arguments.of("a right-to-left override", "gpj\u202e.exe", "gpj\\u202e.exe"),
                Arguments.of("a direction isolate", "x\u2066y\u2069", "x\\u2066y\\u2069"),
                Arguments.of("right-to-left and accented text, as it is", "שלום café", "שלום café"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void showsControlsAsEscapes(String what, String text, String shown) {
        assertEquals(shown, OneLine.of(text));
    }
}
