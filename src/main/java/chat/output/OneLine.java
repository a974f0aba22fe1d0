package chat.output;

import chat.text.ControlCharacters;

/** Text for one line of a terminal. */
public final class OneLine {
    private OneLine() {
    }

    /**
     * One line, and nothing a terminal would act on: control characters from input or from an answer
     * (a line break, an escape sequence, a direction override) are shown as escapes.
     */
    public static String of(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder line = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (ControlCharacters.isControl(c)) {
                        line.append(String.format(c > 0xff ? "\\u%04x" : "\\x%02x", c));
                    } else {
                        line.appendCodePoint(c);
                    }
                }
            }
        });
        return line.toString();
    }
}
