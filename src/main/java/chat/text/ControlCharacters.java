package chat.text;

/**
 * The characters that act on how text is laid out rather than show as text: the C0 and C1 controls
 * (line breaks, escape sequences), the line and paragraph separators that end a line as a line break
 * does, and the bidirectional embeddings, overrides and isolates that reorder what follows them (so
 * that "gpj.exe" can be shown as "exe.jpg"). None belongs in one line of text: a topic refuses them,
 * and what chat prints shows them as escapes.
 */
public final class ControlCharacters {
    private ControlCharacters() {
    }

    public static boolean isControl(int codePoint) {
        return Character.isISOControl(codePoint)
                || codePoint == 0x2028 || codePoint == 0x2029
                || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    public static boolean anyIn(String text) {
        return text.codePoints().anyMatch(ControlCharacters::isControl);
    }
}
